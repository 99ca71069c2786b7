/**
 * The server writes provenance under a client id of its own, one per loaded doc and never used for
 * anything else. A newcomer's sync can then leave every struct of those clients out and send the
 * provenance a moment later, once the notes are on screen (sync-reply.ts): decoding 10,000
 * provenance entries was close to half of the time a browser took to apply a piece.
 *
 * A writer hands over to a new one once it has written WRITER_ENTRIES entries, so that the provenance a newcomer
 * gets after its notes comes in parts (sync-reply.ts), each applied in a task of its own instead of one that held the
 * page for 150-390 ms.
 */
import * as random from "lib0/random";
import * as Y from "yjs";
import { docMaps, type Provenance } from "../../lib/doc-schema";

/** How many entries a provenance writer writes before the next takes over (a newcomer's part of the provenance). */
export const WRITER_ENTRIES = 2000;

const writers = new WeakMap<Y.Doc, number>();

/** Runs `write` (provenance map writes, inside a transaction) as the doc's provenance writer. */
export function asProvenanceWriter<T>(doc: Y.Doc, write: () => T): T {
  let writer = writers.get(doc);
  if (writer !== undefined && Y.getState(doc.store, writer) >= WRITER_ENTRIES) writer = undefined;
  while (writer === undefined || writer === doc.clientID) writer = random.uint32();
  writers.set(doc, writer);
  const own = doc.clientID;
  doc.clientID = writer; // Yjs takes a new item's id from doc.clientID when the item is created
  try {
    return write();
  } finally {
    doc.clientID = own;
  }
}

/** Sets many provenance entries (inside a transaction), WRITER_ENTRIES at most a writer. */
export function writeProvenance(doc: Y.Doc, entries: readonly (readonly [string, Provenance])[]): void {
  const provenance = docMaps(doc).provenance;
  for (let i = 0; i < entries.length; i += WRITER_ENTRIES) {
    asProvenanceWriter(doc, () => entries.slice(i, i + WRITER_ENTRIES).forEach(([id, p]) => provenance.set(id, p)));
  }
}

/**
 * The clients that wrote nothing but provenance entries (this doc's writers, and those of earlier loads
 * of the piece), with their clocks: a state vector that, as a target, leaves the provenance out of an
 * update. A client with anything else in it (docs written before the writers existed) is not in it.
 */
export function provenanceWriterState(doc: Y.Doc): Map<number, number> {
  const provenance = docMaps(doc).provenance;
  const state = new Map<number, number>();
  doc.store.clients.forEach((structs, client) => {
    if (structs.length === 0 || !structs.every((s) => s instanceof Y.Item && s.parent === provenance)) return;
    const last = structs[structs.length - 1];
    state.set(client, last.id.clock + last.length);
  });
  return state;
}
