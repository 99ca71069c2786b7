/**
 * A cold open's room load starts with the editor page's request, not with its socket (editor-page.ts): for a member,
 * and only for a member, asking for /pieces/<id> loads the piece, which then unloads as any idle room does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { untilNoPiecesOpen } from "./testing/memory-workload";
import { createServerStorage, signUp, startChildServer, trpc, type ChildServer } from "./testing/real-server";
import { sleep } from "./testing/rss";

let storage: Awaited<ReturnType<typeof createServerStorage>>;
let server: ChildServer;

beforeAll(async () => {
  storage = await createServerStorage();
  server = await startChildServer({ ...storage.env, COLLAB_IDLE_UNLOAD_MS: "500" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await storage?.drop();
});

const openPieces = async () => ((await (await fetch(`${server.base}/api/health`)).json()) as { openPieces: number }).openPieces;
const askForEditor = (pieceId: string, cookie: string | null, headers: Record<string, string> = {}) =>
  fetch(`${server.base}/pieces/${pieceId}`, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });

describe("asking for a piece's editor page", () => {
  it("loads the piece for a member, and not for anyone else or for a prefetch", async () => {
    const ann = await signUp(server.base, "Ann");
    const stranger = await signUp(server.base, "Sam");
    const { id: pieceId } = await trpc<{ id: string }>(server.base, ann, "piece.create", { title: "Warm" });
    await untilNoPiecesOpen(server.base, 15_000);

    await askForEditor(pieceId, stranger);
    await askForEditor(pieceId, null);
    await askForEditor(pieceId, ann, { rsc: "1", "next-router-prefetch": "1" });
    await sleep(400); // under the unload delay: a load would still be seen
    expect(await openPieces()).toBe(0);

    await askForEditor(pieceId, ann);
    await expect.poll(openPieces, { timeout: 5_000, interval: 20 }).toBe(1);
    await untilNoPiecesOpen(server.base, 15_000); // nobody came: it unloads again
  }, 60_000);
});
