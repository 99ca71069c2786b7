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
  /** PGlite only: its data directory as a tarball, for createDb's `from`. */
  dump?(): Promise<Uint8Array>;
}

export interface CreateDbOptions {
  /** PGlite data directory (created on first run); `memory://` keeps it in memory. */
  dataDir?: string;
  /** An in-memory PGlite's start: another's dump() instead of a new, empty database (db/test-db.ts). */
  from?: Uint8Array;
  /** PGlite's thread's niceness on Linux; 10 unless given, so that a save yields to the event loop (pglite-worker.mjs). */
  nice?: number;
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
  const server = await startPgliteServer(dataDir, { from: opts.from, nice: opts.nice });
  // PGlite is one session: one pooled connection, so a transaction never shares it with another query.
  const pool = new pg.Pool({ host: server.host, port: server.port, user: "postgres", database: "postgres", max: 1 });
  return connect(pool, "pglite", server.close, server.dump);
}

async function connect(pool: pg.Pool, kind: DbHandle["kind"], stop: () => Promise<void>, dump?: DbHandle["dump"]): Promise<DbHandle> {
  // An idle pooled client whose connection the server ends (a restart, DROP DATABASE ... FORCE) makes the pool emit
  // 'error'; unheard, that crashes the process. The pool drops that client and opens a new one on the next query.
  pool.on("error", (e) => console.error(`[tandem] database: an idle connection ended (${e.message})`));
  const db = drizzlePg({ client: pool, schema });
  const close = async () => {
    await pool.end();
    await stop();
  };
  try {
    if (kind === "postgres") await withMigrationLock(pool, () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }));
    else await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (err) {
    await close();
    throw err;
  }
  return { db, kind, close, ...(dump && { dump }) };
}

/** pg_advisory_lock's key for applying migrations (any fixed number: it only has to be the same in every process). */
const MIGRATION_LOCK_KEY = 0x7a4d3e;

/**
 * Several app processes (npm run cluster) may start at once on a fresh PostgreSQL database: unserialized, their
 * migrations race (CREATE SCHEMA and CREATE TABLE fail in all but one). One migrates at a time; the next finds the
 * migrations applied. The lock needs a connection of its own beside the migration's, so PGlite (one connection,
 * one process) goes without it.
 */
async function withMigrationLock(pool: pg.Pool, migrate: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
