/**
 * The server's own reads and writes of a piece's document, each on a loaded room: the generation and jam views, and
 * the note writes that carry ledger entries (accepted model notes, imports, kept jam takes, undo by author).
 */
import type * as Y from "yjs";
import { docMaps, generationViewSchema, type GenerationView, type Note } from "../../lib/doc-schema";
import { jamViewSchema, type JamView } from "../../lib/jam/view";
import type { Region } from "../../lib/region";
import type { NoteChange, OperationAttribution } from "../authorship/undo-by-author";
import type { Collab, ModelAttribution, SessionUser } from "../services";
import { writeAccept } from "./accept-notes";
import { appendParts, dropParts } from "./candidate-parts";
import { writeImport, type PieceSetup } from "./import-notes";
import { writeJamTake, type JamTakeNotes } from "./jam-notes";
import { writeNoteChanges } from "./note-changes";
import { SERVER_GENERATION, SERVER_JAM } from "./origins";
import { failRunningViews } from "./stale-generations";
import type { Room } from "./room";

/** Runs fn on a loaded room, keeping it loaded meanwhile. */
export type WithRoom = <T>(pieceId: string, fn: (room: Room) => T | Promise<T>) => Promise<T>;

export type DocWrites = Pick<
  Collab,
  | "readDoc"
  | "putGenerationView"
  | "removeGenerationView"
  | "appendCandidateNotes"
  | "clearCandidateNotes"
  | "failGenerationViews"
  | "putJamView" | "removeJamView" | "keepJamTake" | "acceptNotes" | "importNotes" | "applyNoteChanges"
>;

export function docWrites(withRoom: WithRoom): DocWrites {
  return {
    readDoc: <T>(pieceId: string, fn: (doc: Y.Doc) => T) => withRoom(pieceId, (room) => fn(room.doc)),

    // A finished (or failed) view carries its candidates: the streamed parts go in the same transaction.
    putGenerationView: (pieceId: string, view: GenerationView) =>
      withRoom(pieceId, (room) => {
        const ended = () => view.status !== "running" && dropParts(room.doc, new Set([view.id]));
        putView(room.doc, docMaps(room.doc).generations, generationViewSchema.parse(view), SERVER_GENERATION, ended);
      }),

    removeGenerationView: (pieceId: string, generationId: string) =>
      withRoom(pieceId, (room) => removeView(room.doc, docMaps(room.doc).generations, generationId, SERVER_GENERATION, () => dropParts(room.doc, new Set([generationId])))),

    appendCandidateNotes: (pieceId: string, generationId: string, parts: readonly (readonly Note[])[], seq: number) =>
      withRoom(pieceId, (room) => appendParts(room.doc, generationId, parts, seq)),

    clearCandidateNotes: (pieceId: string, generationId: string) =>
      withRoom(pieceId, (room) => room.doc.transact(() => dropParts(room.doc, new Set([generationId])), SERVER_GENERATION)),

    failGenerationViews: (pieceId: string, generationIds: readonly string[], error: string) =>
      withRoom(pieceId, (room) => failRunningViews(room.doc, generationIds, error)),

    putJamView: (pieceId: string, view: JamView) => withRoom(pieceId, (room) => putView(room.doc, docMaps(room.doc).jams, jamViewSchema.parse(view), SERVER_JAM)),

    removeJamView: (pieceId: string, jamId: string) => withRoom(pieceId, (room) => removeView(room.doc, docMaps(room.doc).jams, jamId, SERVER_JAM)),

    keepJamTake: (pieceId: string, take: JamTakeNotes, leader: Pick<SessionUser, "id" | "name">, by: ModelAttribution) =>
      withRoom(pieceId, async (room) => {
        const { result, ledger } = writeJamTake(room.doc, pieceId, take, leader, by);
        room.addLedger(ledger); // same tick as the transaction, like acceptNotes
        await room.flush().catch(() => {});
        return result;
      }),

    acceptNotes: (pieceId: string, notes: Note[], by: ModelAttribution, replace?: Region) =>
      withRoom(pieceId, async (room) => {
        const { result, ledger } = writeAccept(room.doc, pieceId, notes, by, replace);
        room.addLedger(ledger); // same tick as the transaction, so the entries join the same batch as its update
        // Durable on return when the database is up; otherwise logged and retried like any update.
        await room.flush().catch(() => {});
        return result;
      }),

    importNotes: (pieceId: string, notes: Note[], by: SessionUser, setup?: PieceSetup) =>
      withRoom(pieceId, async (room) => {
        const { noteIds, ledger } = writeImport(room.doc, pieceId, notes, by, setup);
        room.addLedger(ledger); // same tick as the transaction, like acceptNotes
        await room.flush().catch(() => {});
        return noteIds;
      }),

    applyNoteChanges: (pieceId: string, changes: NoteChange[], by: OperationAttribution) =>
      withRoom(pieceId, async (room) => {
        const { applied, ledger } = writeNoteChanges(room.doc, pieceId, changes, by);
        room.addLedger(ledger); // same tick as the transaction, like acceptNotes
        await room.flush().catch(() => {});
        return applied;
      }),
  };
}

/** Shows a view in one of the server's own maps; written with the server's origin, as only the server may write there. */
function putView<V extends { id: string }>(doc: Y.Doc, map: Y.Map<V>, view: V, origin: unknown, also?: () => void): void {
  doc.transact(() => {
    map.set(view.id, view);
    also?.();
  }, origin);
}

function removeView<V>(doc: Y.Doc, map: Y.Map<V>, id: string, origin: unknown, also?: () => void): void {
  if (map.has(id))
    doc.transact(() => {
      map.delete(id);
      also?.();
    }, origin);
}
