import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The folder of PostgreSQL's server programs (Debian's postgresql package), or undefined. */
export function postgresBin(): string | undefined {
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(debian, v, "bin", "pg_ctl"))) return join(debian, v, "bin");
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  return onPath && existsSync(join(onPath, "..", "initdb")) ? join(onPath, "..") : undefined;
}

/** A free TCP port on the loopback address. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  port: number;
  user: string;
  /** A URL of a database on this server (with a password, which trust authentication ignores). */
  url(database: string, password?: string): string;
  stop(): void;
}

/**
 * A throw-away PostgreSQL server: a new cluster in a temporary folder, listening on 127.0.0.1 only,
 * trusting local connections. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user (made by Debian's package) or `nobody`.
 */
export async function startPostgres(bin: string): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "na-pg-"));
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? (spawnSync("id", ["-u", "postgres"]).status === 0 ? "postgres" : "nobody") : undefined;
  if (runAs) {
    const uid = Number(spawnSync("id", ["-u", runAs], { encoding: "utf8" }).stdout.trim());
    const gid = Number(spawnSync("id", ["-g", runAs], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const full = runAs ? ["runuser", ["-u", runAs, "--", join(bin, cmd), ...args]] as const : [join(bin, cmd), args] as const;
    const r = spawnSync(full[0], [...full[1]], { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const user = "na";
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return {
    port,
    user,
    url: (database, password) => `postgresql://${user}${password ? `:${password}` : ""}@127.0.0.1:${port}/${database}`,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
