import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./index";
import { noteLedger, pieceMembers, pieces, users } from "./schema";
import { createTestDb } from "./test-db";

const note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 80 };

describe("note_ledger is append-only", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    await h.db.insert(users).values({ id: "u1", name: "Ada", email: "ada@example.com" });
    await h.db.insert(pieces).values([
      { id: "p1", title: "Kept", ownerId: "u1" },
      { id: "p2", title: "Thrown away", ownerId: "u1" },
    ]);
    await h.db.insert(pieceMembers).values({ pieceId: "p1", userId: "u1", role: "reviewer" });
    await h.db.insert(noteLedger).values(
      ["p1", "p2"].map((pieceId) => ({ pieceId, noteId: "n1", action: "create" as const, authorKind: "human" as const, actorId: "u1", after: note })),
    );
  });
  afterAll(() => h.close());

  // Drizzle wraps the driver's error; the database's own message is the cause.
  const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));

  it("refuses UPDATE", async () => {
    await expect(h.db.update(noteLedger).set({ actorId: "u1", after: { ...note, pitch: 61 } }).where(eq(noteLedger.pieceId, "p1"))).rejects.toSatisfy(refused);
    const [row] = await h.db.select().from(noteLedger).where(eq(noteLedger.pieceId, "p1"));
    expect(row.after).toEqual(note);
  });

  it("refuses DELETE and TRUNCATE", async () => {
    await expect(h.db.delete(noteLedger).where(eq(noteLedger.pieceId, "p1"))).rejects.toSatisfy(refused);
    await expect(h.db.execute(sql`TRUNCATE note_ledger`)).rejects.toSatisfy(refused);
    expect(await h.db.select().from(noteLedger)).toHaveLength(2);
  });

  it("lets a deleted piece take its ledger with it", async () => {
    await h.db.delete(pieces).where(eq(pieces.id, "p2"));
    const rows = await h.db.select({ pieceId: noteLedger.pieceId }).from(noteLedger);
    expect(rows).toEqual([{ pieceId: "p1" }]);
  });

  it("knows the reviewer role", async () => {
    const [m] = await h.db.select({ role: pieceMembers.role }).from(pieceMembers);
    expect(m.role).toBe("reviewer");
  });
});
