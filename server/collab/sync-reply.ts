/**
 * The reply to a client's sync step 1. A client opening the piece (an empty state vector) needs the
 * whole document; encoding it costs tens of milliseconds per 10,000 notes, so that reply is kept until
 * the next update to the doc and every other newcomer gets the same bytes. Clients that already hold
 * part of the doc (a reconnect) get their own diff, as before.
 */
import * as Y from "yjs";
import { encodeSyncStep2 } from "./protocol";

export interface SyncReplies {
  /** Sync step 2 for a client with this state vector. */
  reply(stateVector: Uint8Array): Uint8Array;
  /** Forgets the kept full-state reply (call on every doc update). */
  invalidate(): void;
}

export function syncReplies(doc: Y.Doc): SyncReplies {
  let full: Uint8Array | null = null;
  return {
    reply(stateVector) {
      if (Y.decodeStateVector(stateVector).size > 0) return encodeSyncStep2(doc, stateVector);
      full ??= encodeSyncStep2(doc);
      return full;
    },
    invalidate: () => void (full = null),
  };
}
