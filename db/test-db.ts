import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "./index";

const TEST_SERVER_URL = "postgres://postgres@127.0.0.1:5432";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or with TANDEM_TEST_DB=postgres
 * a new `tandem_test_<random>` database on the local PostgreSQL, dropped again by close().
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  if (process.env.TANDEM_TEST_DB !== "postgres") return createDb(undefined, { dataDir: "memory://" });

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
