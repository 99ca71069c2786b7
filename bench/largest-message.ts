/**
 * How long one collab message can hold up the server's event loop (issue 12: a 7.5 MB update of 100,000 notes blocked
 * edits on every other piece for 10 s). The collab server runs in this process on the embedded database (or
 * TANDEM_TEST_DB=postgres), and an editor's raw socket sends, one at a time: the largest message it accepts (2,000
 * notes, the per-message limit), one note over the limit (refused whole, 4413), and the finding's 100,000 notes
 * (cut off by the socket at 512 KiB, 1009). A 2 ms timer measures the longest stall from the send until the piece
 * is saved (or the socket closed) plus a settling second, beside the stall of an idle loop over as long. Target: no
 * message holds the loop for more than 100 ms.
 *
 *   npx tsx bench/largest-message.ts [--runs 3]
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { createTestDb } from "../db/test-db";
import { docMaps } from "../lib/doc-schema";
import { measureLoopStall } from "../server/authorship/exports/test-loop-stall";
import { DEFAULT_UPDATE_LIMITS } from "../server/collab/update-check";
import { encodeUpdate } from "../server/collab/protocol";
import { addPiece, addUser, openRawSocket, startHarness } from "../server/collab/test-harness";

const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const TARGET_MS = 100;
const SETTLE_MS = 1000;

const handle = await createTestDb();
const harness = await startHarness(handle.db);
const [owner, editor] = await Promise.all(["Owner", "Editor"].map((n) => addUser(handle.db, n)));

/** An update that adds `count` notes under a fresh client id (what a client that drew them would send). */
function notesUpdate(count: number, clientID: number): Uint8Array {
  const d = new Y.Doc();
  d.clientID = clientID;
  d.transact(() => {
    for (let i = 0; i < count; i++) docMaps(d).notes.set(`n${clientID}-${i}`, { track: "melody", pitch: 40 + (i % 40), start: i * 120, duration: 480, velocity: 90 });
  });
  return encodeUpdate(Y.encodeStateAsUpdate(d));
}

/** Sends one message on a new socket to a new piece; resolves when the server has closed it or `SETTLE_MS` passed. */
async function send(message: Uint8Array): Promise<{ code: number | null; stall: number; took: number }> {
  const pieceId = await addPiece(handle.db, [[owner, "owner"], [editor, "editor"]]);
  const ws: WebSocket = await openRawSocket(harness.url, pieceId, editor.id);
  let code: number | null = null;
  const closed = new Promise<void>((resolve) => ws.once("close", (c) => ((code = c), resolve())));
  const { stall, took } = await measureLoopStall(async () => {
    ws.send(message);
    await Promise.race([closed, sleep(SETTLE_MS)]);
    await sleep(SETTLE_MS); // the save after the debounce, and anything else the message set off
  });
  ws.close();
  return { code, stall, took };
}

const cases = [
  { name: "largest accepted (2,000 notes)", message: () => notesUpdate(DEFAULT_UPDATE_LIMITS.maxStructsPerMessage, 1000) },
  { name: "one over the limit (2,001 notes)", message: () => notesUpdate(DEFAULT_UPDATE_LIMITS.maxStructsPerMessage + 1, 2000) },
  { name: "the finding's 100,000 notes", message: () => notesUpdate(100_000, 3000) },
];

console.log(`| message | bytes | closed with | longest stall (median of ${runs}) | idle loop, as long | vs ${TARGET_MS} ms target |`);
console.log("|---|--:|--:|--:|--:|--:|");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const c of cases) {
  const message = c.message();
  const results: Awaited<ReturnType<typeof send>>[] = [];
  for (let r = 0; r < runs; r++) results.push(await send(message));
  const stall = median(results.map((x) => x.stall));
  const idle = await measureLoopStall(() => sleep(median(results.map((x) => x.took))));
  const code = results[0].code ?? "open";
  console.log(`| ${c.name} | ${message.length.toLocaleString("en")} | ${code} | ${stall.toFixed(0)} ms | ${idle.stall.toFixed(0)} ms | ${(stall / TARGET_MS).toFixed(2)}x |`);
}
await harness.close();
await handle.close();
