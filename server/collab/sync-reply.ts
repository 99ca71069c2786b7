/**
 * The reply to a client's sync step 1. A client opening the piece (an empty state vector) needs the
 * whole document; encoding it costs tens of milliseconds per 10,000 notes, so that reply is kept until
 * the next update to the doc and every other newcomer gets the same bytes. Clients that already hold
 * part of the doc (a reconnect) get their own diff, as before.
 *
 * A browser editor opens with `?provenance=later`: its first reply leaves out what the server's
 * provenance writers wrote (provenance-writer.ts), so the notes are decoded and drawn first; it then
 * sends sync step 1 again and, holding the rest, gets the provenance as its diff.
 */
import * as Y from "yjs";
import { encodeSyncStep2 } from "./protocol";
import { provenanceWriterState } from "./provenance-writer";

export interface SyncReplies {
  /** Sync step 2 for a client with this state vector. */
  reply(stateVector: Uint8Array, opts?: { provenanceLater?: boolean }): Uint8Array;
  /** Forgets the kept full-state replies (call on every doc update). */
  invalidate(): void;
}

export function syncReplies(doc: Y.Doc): SyncReplies {
  let full: Uint8Array | null = null;
  let withoutProvenance: Uint8Array | null = null;
  return {
    reply(stateVector, { provenanceLater = false } = {}) {
      if (Y.decodeStateVector(stateVector).size > 0) return encodeSyncStep2(doc, stateVector);
      if (provenanceLater) return (withoutProvenance ??= encodeSyncStep2(doc, Y.encodeStateVector(provenanceWriterState(doc))));
      return (full ??= encodeSyncStep2(doc));
    },
    invalidate: () => {
      full = null;
      withoutProvenance = null;
    },
  };
}
