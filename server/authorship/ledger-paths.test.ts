/**
 * The ledger is append-only in the code as well as in the database (migration 0002's trigger): no source
 * file outside the tests updates or deletes note_ledger rows, through Drizzle or in SQL.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRITES = [/\.(update|delete)\(\s*noteLedger\b/, /\b(UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?note_ledger\b/i];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe("the ledger's write paths", () => {
  it("no server, database or app code changes or removes a ledger row", () => {
    const files = ["server", "db", "app", "lib"].flatMap((d) => sources(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(50); // the scan really read the tree
    const offenders = files.filter((f) => WRITES.some((re) => re.test(readFileSync(f, "utf8")))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the patterns catch the writes they are meant to", () => {
    expect(WRITES.some((re) => re.test("await db.update(noteLedger).set({})"))).toBe(true);
    expect(WRITES.some((re) => re.test("tx.delete(noteLedger).where(x)"))).toBe(true);
    expect(WRITES.some((re) => re.test('DELETE FROM "note_ledger" WHERE 1=1'))).toBe(true);
    expect(WRITES.some((re) => re.test("db.insert(noteLedger).values(rows)"))).toBe(false);
  });
});
