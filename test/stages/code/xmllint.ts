import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const SCHEMAS = resolve(import.meta.dirname, "schemas");

/** Is xmllint (Debian libxml2-utils) on the path? CI installs it; the message says how when it is not. */
export const XMLLINT = spawnSync("xmllint", ["--version"], { encoding: "utf8" }).status === 0;
export const XMLLINT_MISSING = "xmllint not found: install Debian's libxml2-utils (apt-get install libxml2-utils) to validate REFI-QDA exports against the official schemas";

/** Validate an XML document against one of the REFI-QDA schemas; returns xmllint's verdict and messages. */
export function validate(xml: string, schema: "Codebook-mrt2019.xsd" | "Project-mrt2019.xsd"): { ok: boolean; messages: string } {
  const dir = mkdtempSync(join(tmpdir(), "na-xsd-"));
  const file = join(dir, "doc.xml");
  writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--noout", "--schema", join(SCHEMAS, schema), file], { encoding: "utf8" });
  return { ok: r.status === 0, messages: r.stderr };
}
