import fs from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "./index";
import { durableNodeFs, START_PARAMS } from "./pglite-durable.mjs";

// A save the embedded database acknowledged must survive a power cut: its WAL reaches the disk before the commit
// returns. PGlite ships with fsync off, and its Node file system drops fsync calls (whatever TANDEM_TEST_DB says).

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "tandem-pglite-durable-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("the embedded database's durability", () => {
  it("runs with fsync on, syncing the WAL with fsync (the call that reaches the disk)", { timeout: 120_000 }, async () => {
    const handle = await createDb(undefined, { dataDir: await tempDir() });
    try {
      const setting = async (name: string) => (await handle.db.execute<{ setting: string }>(sql`select current_setting(${name}) as setting`)).rows[0].setting;
      expect(await setting("fsync")).toBe("on");
      expect(await setting("wal_sync_method")).toBe("fsync");
      expect(await setting("synchronous_commit")).toBe("on");
    } finally {
      await handle.close();
    }
  });

  it("syncs the WAL file to disk before a commit returns", { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const db = await PGlite.create({ dataDir: dir, fs: durableNodeFs(dir), startParams: START_PARAMS });
    try {
      await db.exec("create table saves (id int)");
      const synced: string[] = [];
      const fsyncSync = fs.fsyncSync;
      vi.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
        synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
        fsyncSync(fd);
      });
      await db.exec("insert into saves values (1)");
      expect(synced.some((path) => path.startsWith(join(fs.realpathSync(dir), "pg_wal")))).toBe(true);
    } finally {
      await db.close();
    }
  });
});
