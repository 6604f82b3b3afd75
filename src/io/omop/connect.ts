import { userInfo } from "node:os";
import type pg from "pg";
import { UserError } from "../../core/errors.js";
import type { OmopSettings } from "../../io/omop/settings.js";

/**
 * The database as a URL without its password, for messages and the record of where notes came from:
 * from `omop.url`, else from the PG environment variables node-postgres reads (PGHOST, PGPORT,
 * PGUSER, PGDATABASE; PGPASSWORD is never shown).
 */
export function databaseName(settings: Pick<OmopSettings, "url">, env: NodeJS.ProcessEnv = process.env): string {
  if (settings.url) {
    try {
      const u = new URL(settings.url);
      const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
      return `postgresql://${user}${u.host}${u.pathname}`;
    } catch {
      throw new UserError("config › omop.url: not a valid URL (expected postgresql://user@host:port/database)");
    }
  }
  const user = env.PGUSER ?? env.USER ?? userInfo().username;
  const host = env.PGHOST ?? "localhost";
  return `postgresql://${user}@${host.startsWith("/") ? encodeURIComponent(host) : host}:${env.PGPORT ?? "5432"}/${env.PGDATABASE ?? user}`;
}

/** A quoted SQL identifier. */
export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A database error as one line naming the database (never its password, never a row's text). */
export function databaseError(where: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  const e = err as { message?: string; code?: string };
  return new UserError(`${where}: ${e.message ?? String(err)}${e.code ? ` (${e.code})` : ""} (check omop.url or the PG environment variables, and omop.schema)`);
}

/** Connect to the OMOP database; node-postgres is loaded only for a database source. */
export async function connectOmop(settings: OmopSettings): Promise<pg.Client> {
  const { default: pgModule } = await import("pg");
  const client = new pgModule.Client(settings.url ? { connectionString: settings.url } : {});
  // An error after connecting (the server going away) surfaces on the next query; without a listener
  // it would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw databaseError(databaseName(settings), err);
  }
  return client;
}
