import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import type { SessionUser } from "../services";
import { CloseCode } from "../../lib/collab-protocol";
import { addPiece, addUser, closeCodeFor, openRawSocket, startHarness, TEST_COOKIE, type Harness } from "./test-harness";

// Who may open a collab socket beyond signing in and being a member: pages of Tandem's own origin, and
// no more than 32 sockets a person.

const OWN_ORIGIN = "http://tandem.test:8080";

let handle: DbHandle;
let harness: Harness;
let ann: SessionUser, bob: SessionUser;
let pieceId: string;
let sockets: WebSocket[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  [ann, bob] = await Promise.all(["Ann", "Bob"].map((n) => addUser(handle.db, n)));
  pieceId = await addPiece(handle.db, [[ann, "owner"], [bob, "editor"]]);
  harness = await startHarness(handle.db, { allowedOrigins: [`${OWN_ORIGIN}/`] });
});
afterEach(() => {
  sockets.forEach((ws) => ws.terminate());
  sockets = [];
});
afterAll(async () => {
  await harness?.close();
  await handle?.close();
});

/** Opens a socket as `user` with the given Origin header; resolves "open" or the HTTP status of the refusal. */
function openWithOrigin(user: SessionUser, origin: string | null): Promise<"open" | number> {
  const headers: Record<string, string> = { cookie: `${TEST_COOKIE}=${user.id}` };
  if (origin !== null) headers.origin = origin;
  const ws = new WebSocket(`${harness.url}/${pieceId}`, { headers });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve("open"));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", reject);
  });
}

describe("the Origin of a collab socket", () => {
  it("refuses pages of another origin with 403, before any room is loaded", async () => {
    expect(await openWithOrigin(ann, "http://evil.example")).toBe(403);
    expect(await openWithOrigin(ann, "http://tandem.test:9999")).toBe(403);
    expect(await openWithOrigin(ann, "null")).toBe(403); // sandboxed frames and file: pages
    expect(harness.collab.openPieces()).not.toContain(pieceId);
  });

  it("takes pages of PUBLIC_URL's origin, and clients that send no Origin", async () => {
    expect(await openWithOrigin(ann, OWN_ORIGIN)).toBe("open");
    expect(await openWithOrigin(bob, null)).toBe("open");
  });
});

describe("sockets per person", () => {
  it("closes a person's 33rd open socket with 4429 while others still connect", async () => {
    sockets = await Promise.all(Array.from({ length: 32 }, () => openRawSocket(harness.url, pieceId, ann.id)));
    expect(await closeCodeFor(harness.url, pieceId, ann.id)).toBe(CloseCode.tooManySockets);
    sockets.push(await openRawSocket(harness.url, pieceId, bob.id));
  });

  it("gives the place back when a socket closes", async () => {
    sockets = await Promise.all(Array.from({ length: 32 }, () => openRawSocket(harness.url, pieceId, ann.id)));
    const first = sockets[0];
    await new Promise((resolve) => {
      first.once("close", resolve);
      first.close();
    });
    await new Promise((r) => setTimeout(r, 50)); // the server sees the close a moment later
    sockets.push(await openRawSocket(harness.url, pieceId, ann.id));
    expect(await closeCodeFor(harness.url, pieceId, ann.id)).toBe(CloseCode.tooManySockets);
  });
});
