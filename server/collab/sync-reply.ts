/**
 * The reply to a client's sync step 1. A client opening the piece (an empty state vector) needs the
 * whole document; encoding it costs tens of milliseconds per 10,000 notes, so that reply is kept until
 * the next update to the doc and every other newcomer gets the same bytes. Clients that already hold
 * part of the doc (a reconnect) get their own diff, as before.
 *
 * A browser editor opens with `?provenance=later`: its first reply leaves out what the server's
 * provenance writers wrote (provenance-writer.ts), so the notes are decoded and drawn first; it then
 * sends sync step 1 again and, holding the rest, gets the provenance as its diff: in parts, a few
 * writers' entries each, so that the browser applies it in several short tasks rather than one long one.
 */
import * as Y from "yjs";
import { encodeSyncStep2 } from "./protocol";
import { provenanceWriterState, WRITER_ENTRIES } from "./provenance-writer";

export interface SyncReplies {
  /** Sync step 2 for a client with this state vector: one message, or several in order for an editor's provenance. */
  reply(stateVector: Uint8Array, opts?: { provenanceLater?: boolean }): Uint8Array[];
  /** Forgets the kept full-state replies (call on every doc update). */
  invalidate(): void;
}

export function syncReplies(doc: Y.Doc): SyncReplies {
  let full: Uint8Array | null = null;
  let withoutProvenance: Uint8Array | null = null;
  return {
    reply(stateVector, { provenanceLater = false } = {}) {
      if (Y.decodeStateVector(stateVector).size > 0) return provenanceLater ? diffInParts(doc, stateVector) : [encodeSyncStep2(doc, stateVector)];
      if (provenanceLater) return [(withoutProvenance ??= encodeSyncStep2(doc, Y.encodeStateVector(provenanceWriterState(doc))))];
      return [(full ??= encodeSyncStep2(doc))];
    },
    invalidate: () => {
      full = null;
      withoutProvenance = null;
    },
  };
}

/**
 * What a client lacks, as one message per group of provenance writers (about WRITER_ENTRIES entries each, in the order
 * the doc met them) and a last one with everything else: each message's target state vector is the doc's own but for
 * the part it carries, so it holds that part's structs only (and the delete set, which applying twice changes nothing).
 */
function diffInParts(doc: Y.Doc, stateVector: Uint8Array): Uint8Array[] {
  const theirs = Y.decodeStateVector(stateVector);
  const ours = Y.decodeStateVector(Y.encodeStateVector(doc));
  const groups: number[][] = [];
  let size = 0;
  for (const [writer, clock] of provenanceWriterState(doc)) {
    const lacking = clock - (theirs.get(writer) ?? 0);
    if (lacking <= 0) continue;
    if (groups.length === 0 || size >= WRITER_ENTRIES) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1].push(writer);
    size += lacking;
  }
  if (groups.length <= 1) return [encodeSyncStep2(doc, stateVector)];
  const rest = new Map(theirs);
  for (const writer of groups.flat()) rest.set(writer, ours.get(writer)!);
  const parts = groups.map((group) => {
    const target = new Map(ours);
    for (const writer of group) target.set(writer, theirs.get(writer) ?? 0);
    return encodeSyncStep2(doc, Y.encodeStateVector(target));
  });
  return [...parts, encodeSyncStep2(doc, Y.encodeStateVector(rest))];
}
