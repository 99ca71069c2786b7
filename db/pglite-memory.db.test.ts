import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "./index";

const MB = 1024 * 1024;
// Before: a new data directory left ~770 MB resident (initdb's PGlite kept after it closed, 128 MB of shared buffers,
// the optimizing compiler's work on Postgres's WASM); reopened, ~280 MB. Now about 100-150 MB either way.
const MOST_MB = 250;

/** The resident memory the embedded database adds to the process that starts it (whatever TANDEM_TEST_DB says). */
describe("the embedded database's memory", () => {
  it("stays under 250 MB, on a new data directory and reopened", { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "tandem-pglite-mem-"));
    try {
      for (const start of ["new", "reopened"]) {
        const before = process.memoryUsage.rss();
        const handle = await createDb(undefined, { dataDir: dir });
        const [{ shared_buffers }] = (await handle.db.execute<{ shared_buffers: string }>(sql`show shared_buffers`)).rows;
        const added = (process.memoryUsage.rss() - before) / MB;
        await handle.close();
        expect(added, `${start} data directory: ${added.toFixed(0)} MB`).toBeLessThan(MOST_MB);
        expect(shared_buffers).toBe("16MB");
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
