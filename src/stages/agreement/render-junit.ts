import { escapeXml as xml } from "../../io/escape-xml.js";
import { FIGURES, fixed, label, thresholdLine } from "./render-text.js";
import type { AgreementOutput, ThresholdCheck } from "../../stats/agreement/thresholds.js";


/**
 * A JUnit XML report for CI: one test case per threshold (a `failure` when it is not met), or, with no
 * threshold, one passing test case that carries the figures. Figures are also suite properties. No
 * timestamps, so the same input gives the same bytes.
 */
export function renderJunit(out: AgreementOutput, checks: readonly ThresholdCheck[], summaryText: string): string {
  const failures = checks.filter((c) => !c.passed).length;
  const tests = Math.max(1, checks.length);
  const cases =
    checks.length === 0
      ? [`    <testcase classname="notes-analyse.agreement" name="agreement figures" time="0">\n      <system-out>${xml(summaryText)}</system-out>\n    </testcase>`]
      : checks.map((c) => {
          const name = `${label(c.figure)} >= ${c.min}`;
          const open = `    <testcase classname="notes-analyse.agreement" name="${xml(name)}" time="0"`;
          if (c.passed) return `${open}/>`;
          const why = c.value === null ? `${label(c.figure)} could not be computed${c.why ? ` (${c.why})` : ""}` : `${label(c.figure)} ${fixed(c.value, c.min)} is below ${c.min}`;
          return `${open}>\n      <failure type="threshold" message="${xml(why)}">${xml(thresholdLine(c))}</failure>\n    </testcase>`;
        });
  const props: string[] = [
    `      <property name="raters" value="${out.raters}"/>`,
    `      <property name="items" value="${out.items}"/>`,
    `      <property name="items_compared" value="${out.items_compared}"/>`,
  ];
  for (const [key] of FIGURES) {
    const v = out[key];
    if (v !== undefined) props.push(`      <property name="${key}" value="${v === null ? "undefined" : v}"/>`);
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="notes-analyse agreement" tests="${tests}" failures="${failures}" errors="0">`,
    `  <testsuite name="notes-analyse agreement" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0">`,
    `    <properties>`,
    ...props,
    `    </properties>`,
    ...cases,
    checks.length === 0 ? "" : `    <system-out>${xml(summaryText)}</system-out>`,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ]
    .filter((l, i, a) => l !== "" || i === a.length - 1)
    .join("\n");
}
