/**
 * A person's write into a piece the way the editor makes it: one transaction on a real y-websocket client,
 * so the collab server's guard checks it, writes its provenance and ledgers it to the signed-in person.
 */
import * as Y from "yjs";
import type { Collab } from "../services";
import { openYClient } from "./y-client";

/** How far the doc has seen `client`'s own writes (0 when none). */
const clockOf = (doc: Y.Doc, client: number): number => Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0;

/**
 * Opens a client with `cookie`, waits for the first sync, runs `change` on its doc as one transaction and
 * resolves once the server has applied it and saved it (ledger rows included); then the client leaves.
 * Rejects if the server closes the socket, or has not applied the write within `timeoutMs` (a viewer's write is dropped).
 */
export async function writeAsClient(
  url: string,
  collab: Collab,
  pieceId: string,
  cookie: string,
  change: (doc: Y.Doc) => void,
  timeoutMs = 5000,
): Promise<void> {
  const client = openYClient(url, pieceId, cookie);
  const closed = client.closed.then((code) => Promise.reject(new Error(`the collab server closed the client's socket (${code})`)));
  closed.catch(() => {}); // the client's own close at the end is no failure
  try {
    await Promise.race([client.synced, closed]);
    client.doc.transact(() => change(client.doc));
    const id = client.doc.clientID;
    const written = clockOf(client.doc, id);
    await Promise.race([untilApplied(collab, pieceId, id, written, timeoutMs), closed]);
    await collab.flushAll();
  } finally {
    client.destroy();
  }
}

async function untilApplied(collab: Collab, pieceId: string, client: number, clock: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await collab.readDoc(pieceId, (doc) => clockOf(doc, client))) < clock) {
    if (Date.now() > end) throw new Error(`the collab server did not apply the client's write to ${pieceId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
