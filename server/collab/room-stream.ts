/**
 * A room's side of its piece's Redis stream, with other app processes (relay.ts): joined after the database load, its
 * backlog applied, other processes' updates and awareness applied as they come, and saving through the stream
 * (stream-saves.ts). It keeps the last entry applied, where a catch-up reads from (room.ts catchUpThen).
 */
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import type { Db } from "../../db";
import type { Log } from "../log";
import { applyUpdates, RELAY, SERVER_LOAD } from "./origins";
import type { PieceRelay, Relay } from "./relay";
import { StreamSaves } from "./stream-saves";

export interface RoomStreamOptions {
  relay: Relay;
  db: Db;
  log: Log;
  pieceId: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  /** The room was closed (nothing more is applied), or is ready (awareness is applied only then). */
  gone(): boolean;
  ready(): boolean;
  debounceMs: number;
  compactAfterRows: number;
  /** The database's doc_updates rows, and the last stream entry it holds (null: none). */
  rows: number;
  savedTo: string | null;
}

export class RoomStream {
  /** The last stream entry applied here (null: none). */
  private at: string | null;

  private constructor(
    private readonly piece: PieceRelay,
    readonly saves: StreamSaves,
    private readonly o: RoomStreamOptions,
  ) {
    this.at = piece.backlogTo ?? o.savedTo;
  }

  /** Joins the stream and applies its backlog; null when the room was closed while it joined. */
  static async join(o: RoomStreamOptions): Promise<RoomStream | null> {
    let stream: RoomStream | null = null;
    const piece = await o.relay.join(
      o.pieceId,
      {
        onUpdates: (updates) => !o.gone() && applyUpdates(o.doc, updates, RELAY), // what arrived together, together
        onEntry: (id) => stream?.entered(id),
        onAwareness: (u) => o.ready() && awarenessProtocol.applyAwarenessUpdate(o.awareness, u, RELAY),
      },
      o.savedTo,
    );
    if (o.gone()) {
      piece.leave(); // closed while it joined
      return null;
    }
    const { db, log, pieceId, relay, debounceMs, compactAfterRows, rows, savedTo } = o;
    const saves = new StreamSaves({ db, log, pieceId, relay, pieceRelay: piece, debounceMs, compactAfterRows, rows, savedTo });
    stream = new RoomStream(piece, saves, o);
    applyUpdates(o.doc, piece.backlog, SERVER_LOAD);
    if (piece.backlogTo !== null) saves.seen(piece.backlogTo); // perhaps unsaved: a process died before saving
    return stream;
  }

  /** Reads the stream after the last entry applied here, and applies what other processes wrote there. */
  async catchUp(): Promise<void> {
    const updates = await this.piece.unread(this.at);
    const { doc, gone } = this.o;
    if (!gone()) applyUpdates(doc, updates, RELAY);
  }

  publishAwareness(update: Uint8Array): void {
    this.piece.publishAwareness(update);
  }

  leave(): void {
    this.piece.leave();
  }

  private entered(id: string): void {
    this.at = id;
    this.saves.seen(id);
  }
}
