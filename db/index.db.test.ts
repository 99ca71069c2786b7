import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "./index";
import { pieces, users } from "./schema";
import { createTestDb } from "./test-db";

describe("createTestDb", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it("applies the migrations", async () => {
    const res = await handle.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const tables = res.rows.map((r) => r.table_name);
    for (const t of ["users", "sessions", "accounts", "verifications", "pieces", "piece_members", "doc_updates", "generations", "note_ledger"]) {
      expect(tables).toContain(t);
    }
  });

  it("round-trips rows with defaults and foreign keys", async () => {
    await handle.db.insert(users).values({ id: "u1", name: "Ada", email: "ada@example.com" });
    await handle.db.insert(pieces).values({ id: "p1", title: "Etude", ownerId: "u1" });
    const [row] = await handle.db.select().from(pieces).where(eq(pieces.id, "p1"));
    expect(row.title).toBe("Etude");
    expect(row.createdAt).toBeInstanceOf(Date);
    await expect(handle.db.insert(pieces).values({ id: "p2", title: "x", ownerId: "nobody" })).rejects.toThrow();
  });
});

describe("createDb with a PGlite data directory", () => {
  // Two file-backed PGlite starts; slow on a loaded machine.
  it("creates the directory and keeps data across a restart", { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "tandem-pglite-"));
    const dataDir = join(dir, "nested", "pglite");
    try {
      const first = await createDb(undefined, { dataDir });
      expect(first.kind).toBe("pglite");
      await first.db.insert(users).values({ id: "u1", name: "Ada", email: "ada@example.com" });
      await first.close();

      // Migrating again on restart must be a no-op, not a failure.
      const second = await createDb(undefined, { dataDir });
      const rows = await second.db.select().from(users);
      expect(rows.map((r) => r.email)).toEqual(["ada@example.com"]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Only PostgreSQL is shared by several processes; PGlite is one process's.
describe.skipIf(process.env.TANDEM_TEST_DB !== "postgres")("createDb on a fresh PostgreSQL database", () => {
  it("migrates once when several processes start at once (npm run cluster)", async () => {
    const name = `tandem_test_${randomBytes(6).toString("hex")}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
      await c.connect();
      await c.query(q).finally(() => c.end());
    };
    await admin(`CREATE DATABASE ${name}`);
    try {
      // Each handle has its own pool, as each app process would.
      const starts = await Promise.allSettled([1, 2, 3, 4].map(() => createDb(`postgres://postgres@127.0.0.1:5432/${name}`)));
      const handles = starts.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      await Promise.all(handles.map((h) => h.close()));
      expect(starts.map((s) => (s.status === "rejected" ? String(s.reason) : "ok"))).toEqual(["ok", "ok", "ok", "ok"]);
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
