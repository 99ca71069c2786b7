/**
 * The contracts between the server's parts. server/index.ts builds one of each with its factory
 * (createDb, createAuth, createCollabServer, createInference) and hands them to the HTTP routes,
 * the tRPC context and the WebSocket upgrade.
 */
import type { Note, PieceMeta, Track, GenerationView } from "../lib/doc-schema";
import type { JamView } from "../lib/jam/view";
import type { JamTakeNotes, KeptJamNotes } from "./collab/jam-notes";
import type * as Y from "yjs";
import type { NoteChange, OperationAttribution } from "./authorship/undo-by-author";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** The person behind a collab socket's upgrade and the session that signed them in (null where there is none: tests). */
export interface SocketUser extends SessionUser {
  sessionId: string | null;
}

export type { Region } from "../lib/region";
import type { Region } from "../lib/region";

/**
 * What an accept wrote: the new notes' ids and the notes it replaced (as they were), so the person who
 * accepted can undo it as one step (their client deletes the ones and restores the others).
 */
export interface AcceptedNotes {
  /** The model's notes written, in candidate order (a candidate note equal to one already there is not written). */
  noteIds: string[];
  added: (Note & { id: string })[];
  /** Notes already there that a candidate note equalled: kept, with their authors. */
  agreed: string[];
  replaced: (Note & { id: string })[];
}

/** Who accepted which generation: the server's attribution for model notes written into a piece. */
export interface ModelAttribution {
  userId: string;
  userName: string;
  generationId: string;
  model: string;
  version: string;
}

export interface Collab {
  /** Routes a WebSocket upgrade for /collab/<pieceId>; authenticates from the request's cookie. */
  handleUpgrade(req: import("node:http").IncomingMessage, socket: import("node:stream").Duplex, head: Buffer): void;
  /**
   * Loads a piece's room ahead of its first socket, if the person is a member: the editor page was asked for, and the
   * page's socket comes once its code has loaded (a cold open no longer waits for the database after that).
   */
  warm(pieceId: string, userId: string): Promise<void>;
  /** Reads a piece's document (loading it if needed) without changing it. */
  readDoc<T>(pieceId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /** Shows (or updates) a generation's ghost candidates to everyone in the piece. */
  putGenerationView(pieceId: string, view: GenerationView): Promise<void>;
  removeGenerationView(pieceId: string, generationId: string): Promise<void>;
  /** Shows each candidate's new notes (by index) to everyone, as send `seq` of a running generation (lib/candidate-parts.ts). */
  appendCandidateNotes(pieceId: string, generationId: string, parts: readonly (readonly Note[])[], seq: number): Promise<void>;
  /** Hides what a running generation streamed so far: it starts over. */
  clearCandidateNotes(pieceId: string, generationId: string): Promise<void>;
  /** Shows those of these generations still running as failed with `error`: their process died (collab/stale-generations.ts). */
  failGenerationViews(pieceId: string, generationIds: readonly string[], error: string): Promise<void>;
  /** Shows (or updates) a live jam to everyone in the piece (the `jams` map). */
  putJamView(pieceId: string, view: JamView): Promise<void>;
  removeJamView(pieceId: string, jamId: string): Promise<void>;
  /** Whether the person has a socket open on the piece in this process (a jam's leader who left stops it). */
  isConnected(pieceId: string, userId: string): boolean;
  /**
   * Writes a kept jam take as one transaction (collab/jam-notes.ts): the loop's notes on the jam's tracks replaced,
   * the leader's notes credited to `leader`, the model's to the model answering them; all ledgered under the jam.
   */
  keepJamTake(pieceId: string, take: JamTakeNotes, leader: Pick<SessionUser, "id" | "name">, by: ModelAttribution): Promise<KeptJamNotes>;
  /**
   * Writes accepted model notes into the piece as one transaction, attributed in the ledger; with `replace`,
   * the notes already in that region are removed in the same transaction (the candidate takes their place).
   */
  acceptNotes(pieceId: string, notes: Note[], by: ModelAttribution, replace?: Region): Promise<AcceptedNotes>;
  /**
   * Writes notes a person imported (a MIDI file) as one transaction, attributed to them in the ledger; with
   * `setup`, the piece's tempo, meter and tracks are replaced first (a new piece made from a file).
   */
  importNotes(pieceId: string, notes: Note[], by: SessionUser, setup?: { meta: PieceMeta; tracks: Record<string, Track> }): Promise<string[]>;
  /**
   * Undo by author: applies an operation's planned note changes as one transaction, each only if its note still
   * holds what the plan expected, and ledgers them to the person who ran it, naming the operation. Returns those applied.
   */
  applyNoteChanges(pieceId: string, changes: NoteChange[], by: OperationAttribution): Promise<NoteChange[]>;
  /**
   * Re-reads a person's role in a piece and applies it to their open sockets there now: a viewer's or reviewer's
   * writes are dropped from the next message on, and a person no longer a member is disconnected (4403). Call it
   * after a membership change has committed. Never throws: a failure is logged, and the periodic check retries.
   */
  memberChanged(pieceId: string, userId: string): Promise<void>;
  /** Persists every open piece now (used on shutdown and by tests). */
  flushAll(): Promise<void>;
  close(): Promise<void>;
}
