/**
 * Notes a person brings in from a file (MIDI import), written by the server as one transaction and
 * attributed to that person: provenance "human" in the doc, one ledger "create" per note.
 * With `setup` (a new piece from a file), the piece's tempo, meter and tracks are replaced first.
 */
import { randomUUID } from "node:crypto";
import type * as Y from "yjs";
import { docMaps, metaSchema, noteSchema, trackSchema, type Note, type PieceMeta, type Track } from "../../lib/doc-schema";
import { ledgerEntry, type LedgerEntry } from "../authorship/ledger";
import type { SessionUser } from "../services";
import { humanProvenance } from "./note-credit";
import { writeProvenance } from "./provenance-writer";

/** The origin of an import's transaction: a server write, so the guard leaves it alone. */
export const SERVER_IMPORT = "server-import";

export interface PieceSetup {
  meta: PieceMeta;
  tracks: Record<string, Track>;
}

export class ImportTargetError extends Error {}

export function writeImport(
  doc: Y.Doc,
  pieceId: string,
  notes: readonly Note[],
  by: Pick<SessionUser, "id" | "name"> & { generationId?: string },
  setup?: PieceSetup,
): { noteIds: string[]; ledger: LedgerEntry[] } {
  const maps = docMaps(doc);
  // Everything is checked before anything is written: a bad import changes nothing.
  const meta = setup && metaSchema.parse(setup.meta);
  const tracks = setup && Object.entries(setup.tracks).map(([id, t]) => [id, trackSchema.parse(t)] as const);
  const trackIds = new Set(tracks ? tracks.map(([id]) => id) : maps.tracks.keys());
  const written = notes.map((n) => ({ id: randomUUID(), note: noteSchema.parse(n) }));
  const stray = written.find((w) => !trackIds.has(w.note.track));
  if (stray) throw new ImportTargetError(`the piece has no track '${stray.note.track}'`);

  doc.transact(() => {
    if (meta && tracks) {
      for (const [k, v] of Object.entries(meta)) maps.meta.set(k, v);
      for (const id of [...maps.tracks.keys()]) if (!trackIds.has(id)) maps.tracks.delete(id);
      for (const [id, t] of tracks) maps.tracks.set(id, t);
    }
    for (const { id, note } of written) maps.notes.set(id, note);
    writeProvenance(doc, written.map(({ id }) => [id, humanProvenance(by)] as const));
  }, SERVER_IMPORT);
  // A jam's notes name the jam (its generation row), so the ledger says where the person played them.
  const actor = { authorKind: "human" as const, actorId: by.id, generationId: by.generationId ?? null };
  return {
    noteIds: written.map((w) => w.id),
    ledger: written.flatMap(({ id, note }) => ledgerEntry(pieceId, id, undefined, note, actor) ?? []),
  };
}
