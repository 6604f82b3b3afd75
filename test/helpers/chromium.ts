import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Headless Chromium for the browser tests: $CHROMIUM, or Debian's or Google's usual paths; undefined when none. */
export const CHROMIUM: string | undefined = process.env.CHROMIUM ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));

/** The line a browser test prints when it is skipped for want of a browser. */
export const noChromiumLine = (what: string): string => `${what} skipped: no chromium found (install Debian's chromium or set CHROMIUM=/path/to/chrome)`;

/** Run headless Chromium on a page in a throw-away profile, with console messages logged to stderr. */
export function chromium(args: string[]): { stdout: string; stderr: string; status: number | null } {
  if (!CHROMIUM) throw new Error("chromium() called without a browser: guard the test with CHROMIUM");
  const profile = mkdtempSync(join(tmpdir(), "na-chromium-"));
  try {
    const r = spawnSync(
      CHROMIUM,
      ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", `--user-data-dir=${profile}`, ...args],
      { encoding: "utf8", timeout: 120_000 },
    );
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Measure a rendered report: a copy of `page` (its Content-Security-Policy removed, as the report itself
 * allows no scripts) with a probe script that reports `fields` — JavaScript object entries that may use
 * `box(element)` and `flowTextInside` (every text of the flow chart inside its box) — read back from the
 * page Chromium renders at 1200 × 3000. The copy is removed afterwards.
 */
export function measurePage(page: string, fields: string): Record<string, unknown> {
  const probe = join(dirname(page), "probe.html");
  writeFileSync(
    probe,
    readFileSync(page, "utf8")
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
      .replace(
        "</body>",
        `<pre id="probe"></pre><script>
const box = (e) => e.getBoundingClientRect();
const flow = document.querySelector("#flow svg");
const flowTextInside = [...flow.querySelectorAll("g")].every((g) => { const r = box(g.querySelector("rect")); return [...g.querySelectorAll("text")].every((t) => { const b = box(t); return b.left >= r.left && b.right <= r.right && b.top >= r.top && b.bottom <= r.bottom; }); });
document.getElementById("probe").textContent = JSON.stringify({ ${fields} });
</script></body>`,
      ),
  );
  try {
    const measured = chromium(["--window-size=1200,3000", "--dump-dom", `file://${probe}`]);
    return JSON.parse((/<pre id="probe">([^<]*)<\/pre>/.exec(measured.stdout)?.[1] ?? "{}").replaceAll("&quot;", '"')) as Record<string, unknown>;
  } finally {
    rmSync(probe, { force: true });
  }
}
