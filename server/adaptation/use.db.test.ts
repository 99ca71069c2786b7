/**
 * A fine-tuned style in use: its network is read from the database on the first generation, and kept by fingerprint
 * for the next ones (a patch is 1.78 MB), the last few used; one pushed out is read again.
 */
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adaptationNetworks, adaptations, users } from "../../db/schema";
import { createTestDb } from "../../db/test-db";
import type { AdaptationRow } from "./access";
import { adaptationForRow, NETWORKS_KEPT } from "./use";

describe("the network of a fine-tuned style", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    handle = await createTestDb();
    await handle.db.insert(users).values({ id: "u1", name: "Ada", email: "ada@example.com" });
  });
  afterAll(() => handle.close());

  /** A ready fine-tune with a network of random bytes (what the server stores: the patch and its sha256). */
  async function fineTune(name: string): Promise<{ row: AdaptationRow; patch: Uint8Array }> {
    const patch = new Uint8Array(randomBytes(64 * 1024));
    const fingerprint = createHash("sha256").update(patch).digest("hex");
    const [row] = await handle.db
      .insert(adaptations)
      .values({ id: `a-${name}`, ownerId: "u1", name, method: "fine-tune", version: 1, status: "ready", progress: 100, artifact: {}, fingerprint })
      .returning();
    await handle.db.insert(adaptationNetworks).values({ adaptationId: row.id, patch, fingerprint });
    return { row, patch };
  }
  const dropNetwork = (row: AdaptationRow) => handle.db.delete(adaptationNetworks).where(eq(adaptationNetworks.adaptationId, row.id));

  it("is read once, and found again by its fingerprint while it is in use", async () => {
    const { row, patch } = await fineTune("Riffs");
    expect((await adaptationForRow(handle.db, row)).network).toEqual({ fingerprint: row.fingerprint, patch });
    await dropNetwork(row); // what the next generation reads, if it read the database again
    expect((await adaptationForRow(handle.db, row)).network).toEqual({ fingerprint: row.fingerprint, patch });
  });

  it("keeps the last few used: one pushed out is read from the database again", async () => {
    const { row: first } = await fineTune("First");
    await adaptationForRow(handle.db, first);
    for (let i = 0; i < NETWORKS_KEPT; i++) await adaptationForRow(handle.db, (await fineTune(`Other ${i}`)).row);
    await dropNetwork(first);
    await expect(adaptationForRow(handle.db, first)).rejects.toThrow(/could not be learned; make it again/);
  });
});
