import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { figure } from "./figures.js";

export const ROOT = resolve(import.meta.dirname, "..", "..", "..");
/** The CLI under test: this checkout's, or another build's (NA_BIN), to show a fault on an older version. */
export const BIN = process.env.NA_BIN ?? resolve(ROOT, "bin", "notes-analyse.js");
const INJECT = resolve(import.meta.dirname, "inject-fs.mjs");

/** What a run of the real CLI gave. */
export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fault for the file system of one run: fail the nth matching call with an error code. */
export interface FsFault {
  /** e.g. ENOSPC, EROFS, EACCES, EIO. */
  code: string;
  /** Which calls fail: writes (writeSync and write streams), opens for writing, renames or mkdirs; or "save" (see saveFrom). */
  op: "write" | "open" | "rename" | "mkdir" | "save";
  /** With op "save": the file saved over `saveTo` just before the nth rename. */
  saveFrom?: string;
  saveTo?: string;
  /** Fail from the nth such call on (1-based). */
  after: number;
}

function env(fault?: FsFault): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  if (fault) {
    e.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=${INJECT}`.trim();
    e.NA_FAULT = `${fault.code}:${fault.op}:${fault.after}`;
    if (fault.saveFrom) e.NA_SAVE_FROM = fault.saveFrom;
    if (fault.saveTo) e.NA_SAVE_TO = fault.saveTo;
  }
  return e;
}

/** Run the real CLI and wait for it. */
export function runCli(args: string[], cwd: string, fault?: FsFault): Outcome {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: env(fault), timeout: 300_000 });
  count(r.status);
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Start the real CLI; `kill` sends SIGKILL. */
export function startCli(args: string[], cwd: string): { done: Promise<Outcome>; kill(): void; pid: number | undefined } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: env(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  const done = new Promise<Outcome>((res) =>
    child.on("close", (code, signal) => {
      count(code);
      res({ code, signal, stdout, stderr });
    }),
  );
  return { done, kill: () => void child.kill("SIGKILL"), pid: child.pid };
}

function count(code: number | null): void {
  figure("runs of the CLI");
  if (code === 70) figure("exit 70");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The seeds a fault test draws its cases from: `n` in the ordinary suite, or NA_FAULT_SCALE times as
 * many for a longer run (scripts/reliability.ts).
 */
export function seeds(n: number, base = 1): number[] {
  const scale = Math.max(1, Number(process.env.NA_FAULT_SCALE ?? 1) || 1);
  return Array.from({ length: n * scale }, (_, i) => base + i);
}
