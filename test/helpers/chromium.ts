import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
