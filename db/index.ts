import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Assume } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { startPgliteServer } from "./pglite-server";
import * as schema from "./schema";

export { schema };

/** What raw `execute` results look like. */
export interface DbQueryResult<T> {
  rows: T[];
}
export interface DbQueryResultHKT extends PgQueryResultHKT {
  type: DbQueryResult<Assume<this["row"], Record<string, unknown>>>;
}

/** The database as the rest of the server sees it: PGlite or PostgreSQL, same driver, schema and queries. */
export type Db = PgDatabase<DbQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PGlite data directory (created on first run); `memory://` keeps it in memory. */
  dataDir?: string;
}

export const DEFAULT_PGLITE_DIR = "./data/pglite";
const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * PostgreSQL through node-postgres when a URL is given, else an embedded PGlite in `dataDir`, run in a worker thread
 * and reached through the same node-postgres driver (see pglite-server.ts). Applies the committed migrations first.
 */
export async function createDb(url?: string, opts: CreateDbOptions = {}): Promise<DbHandle> {
  if (url) return connect(new pg.Pool({ connectionString: url }), "postgres", async () => {});

  const dataDir = opts.dataDir ?? DEFAULT_PGLITE_DIR;
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });
  const server = await startPgliteServer(dataDir);
  // PGlite is one session: one pooled connection, so a transaction never shares it with another query.
  const pool = new pg.Pool({ host: server.host, port: server.port, user: "postgres", database: "postgres", max: 1 });
  return connect(pool, "pglite", server.close);
}

async function connect(pool: pg.Pool, kind: DbHandle["kind"], stop: () => Promise<void>): Promise<DbHandle> {
  const db = drizzlePg({ client: pool, schema });
  const close = async () => {
    await pool.end();
    await stop();
  };
  try {
    await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (err) {
    await close();
    throw err;
  }
  return { db, kind, close };
}
