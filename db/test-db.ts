import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDb, type DbHandle } from "./index";

const TEST_SERVER_URL = "postgres://postgres@127.0.0.1:5432";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or with TANDEM_TEST_DB=postgres
 * a new `tandem_test_<random>` database on the local PostgreSQL, dropped again by close().
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  if (process.env.TANDEM_TEST_DB !== "postgres") return createPgliteTestDb();

  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name}`));
  let handle: DbHandle;
  try {
    handle = await createDb(`${TEST_SERVER_URL}/${name}`);
  } catch (err) {
    await dropDatabase(name);
    throw err;
  }
  return {
    ...handle,
    url: `${TEST_SERVER_URL}/${name}`, // for a test that starts another process on it
    async close() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

const MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));
const PGLITE_PACKAGE = fileURLToPath(new URL("../node_modules/@electric-sql/pglite/package.json", import.meta.url));

/**
 * An in-memory PGlite started from a migrated, empty database kept in the temp folder: it starts in ~1.4 s, where a
 * new one (initdb, which PGlite runs in a second instance of its own) and the migrations took ~3.4 s, some 50 times a
 * pass over the db tests. The first test file to ask makes it. Its name says what made it: the PGlite version and
 * the migrations. createDb applies the migrations as ever, which finds them applied.
 *
 * Its thread runs at the test's priority, not the server's nice 10 (pglite-worker.mjs): there it yielded to the
 * PostgreSQL pass CI runs beside this one, and waited, a query at a time (ledger.db.test 23 s on PGlite, 1.9 s on
 * PostgreSQL, in one CI run). The real server in a child process keeps its nice 10.
 */
async function createPgliteTestDb(): Promise<DbHandle> {
  const template = join(tmpdir(), `tandem-pglite-template-${await templateKey()}.tar`);
  const from = await readFile(template).catch(() => undefined);
  const nice = getPriority(); // this process's own: a thread may not go below it unprivileged
  if (from) return createDb(undefined, { dataDir: "memory://", from, nice });
  const handle = await createDb(undefined, { dataDir: "memory://", nice });
  const tmp = `${template}.${process.pid}.tmp`;
  await writeFile(tmp, await handle.dump!());
  await rename(tmp, template); // whole or not at all, for another test run reading it meanwhile
  return handle;
}

async function templateKey(): Promise<string> {
  const hash = createHash("sha256").update(await readFile(PGLITE_PACKAGE));
  const files = (await readdir(MIGRATIONS, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  for (const f of files.map((f) => join(f.parentPath ?? f.path, f.name)).sort()) hash.update(f.slice(MIGRATIONS.length)).update(await readFile(f));
  return hash.digest("hex").slice(0, 16);
}

const dropDatabase = (name: string) => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

async function withAdminClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
