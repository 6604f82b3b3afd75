import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The official REFI-QDA schemas, kept in the repository (`test/vectors/refi-qda/`, source and licence in
 * its README), or the folder named by REFI_QDA_SCHEMAS.
 */
export const SCHEMAS = process.env.REFI_QDA_SCHEMAS ?? resolve(import.meta.dirname, "..", "..", "vectors", "refi-qda");
if (!existsSync(join(SCHEMAS, "Codebook-mrt2019.xsd"))) {
  throw new Error(`REFI-QDA schemas not found in ${SCHEMAS}: restore test/vectors/refi-qda or set REFI_QDA_SCHEMAS`);
}

/** Is xmllint (Debian libxml2-utils) on the path? CI installs it; without it the schema tests are skipped, saying so. */
export const XMLLINT = spawnSync("xmllint", ["--version"], { encoding: "utf8" }).status === 0;
export const XMLLINT_MISSING = "schema tests skipped: xmllint not found (install Debian's libxml2-utils: apt-get install libxml2-utils)";
if (!XMLLINT) console.warn(XMLLINT_MISSING);

/** Validate an XML document against one of the REFI-QDA schemas; returns xmllint's verdict and messages. */
export function validate(xml: string, schema: "Codebook-mrt2019.xsd" | "Project-mrt2019.xsd"): { ok: boolean; messages: string } {
  const dir = mkdtempSync(join(tmpdir(), "na-xsd-"));
  const file = join(dir, "doc.xml");
  writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--noout", "--schema", join(SCHEMAS, schema), file], { encoding: "utf8" });
  return { ok: r.status === 0, messages: r.stderr };
}
