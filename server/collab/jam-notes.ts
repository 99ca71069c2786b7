/**
 * A kept jam take written into the piece by the server as one transaction (issue 16, "Shared"): the loop's bars on
 * the jam's tracks are replaced, the leader's notes are the leader's (as an import is its importer's), each one's who
 * played along are theirs, and the model's
 * notes are the model's, answering the leader (as an accepted candidate is); every ledger row names the jam's
 * generation, so the ledger, the note history and the report can say "jam".
 */
import type * as Y from "yjs";
import { docMaps, noteSchema, type Note } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import type { LedgerEntry } from "../authorship/ledger";
import type { AcceptedNotes, ModelAttribution, SessionUser } from "../services";
import { writeAccept } from "./accept-notes";
import { ImportTargetError, writeImport } from "./import-notes";
import { SERVER_JAM } from "./origins";

export interface JamTakeNotes {
  /** The loop's bars on the jam's tracks: what the take replaces. */
  replace: Region;
  player: Note[];
  /** The notes of those who played along, each to be credited to them. */
  alongs?: { by: Pick<SessionUser, "id" | "name">; notes: Note[] }[];
  model: Note[];
}

export interface KeptJamNotes {
  playerNoteIds: string[];
  /** The ids of each one's notes who played along, in the order of JamTakeNotes.alongs. */
  alongNoteIds: string[][];
  model: AcceptedNotes;
}

export function writeJamTake(
  doc: Y.Doc,
  pieceId: string,
  take: JamTakeNotes,
  leader: Pick<SessionUser, "id" | "name">,
  by: ModelAttribution,
): { result: KeptJamNotes; ledger: LedgerEntry[] } {
  // Checked before anything is written: Yjs cannot take back half a transaction.
  const tracks = docMaps(doc).tracks;
  const alongs = take.alongs ?? [];
  for (const n of [...take.player, ...take.model, ...alongs.flatMap((a) => a.notes)]) {
    noteSchema.parse(n);
    if (!tracks.has(n.track)) throw new ImportTargetError(`the piece has no track '${n.track}' any more`);
  }
  let out: { result: KeptJamNotes; ledger: LedgerEntry[] } | undefined;
  doc.transact(() => {
    // Nested transactions join this one: the replaced notes, the model's and the leader's go out as one update.
    const accepted = writeAccept(doc, pieceId, take.model, by, take.replace);
    const played = writeImport(doc, pieceId, take.player, { id: leader.id, name: leader.name, generationId: by.generationId });
    const along = alongs.map((a) => writeImport(doc, pieceId, a.notes, { id: a.by.id, name: a.by.name, generationId: by.generationId }));
    out = {
      result: { playerNoteIds: played.noteIds, alongNoteIds: along.map((w) => w.noteIds), model: accepted.result },
      ledger: [...accepted.ledger, ...played.ledger, ...along.flatMap((w) => w.ledger)],
    };
  }, SERVER_JAM);
  return out!;
}
