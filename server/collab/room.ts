/**
 * One open piece: its Y.Doc and awareness, the sockets on it, and its save queue. Loads on creation, queues client
 * messages until loaded (then client-messages.ts handles them), broadcasts changes once they are kept, and unloads
 * when idle, only after a successful save.
 */
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Db } from "../../db";
import { docMaps, initPieceDoc } from "../../lib/doc-schema";
import type { LedgerEntry } from "../authorship/ledger";
import type { Log } from "../log";
import { CloseCode } from "../../lib/collab-protocol";
import { Connection, messageBytes } from "./connection";
import { ClientMessages } from "./client-messages";
import { guardDoc } from "./guard";
import { applyUpdates, RELAY, SERVER_INIT, SERVER_LOAD } from "./origins";
import { RoomOutbox } from "./room-outbox";
import type { Relay } from "./relay";
import { loadPiece } from "./persistence";
import { encodeAwareness, encodeSyncStep1 } from "./protocol";
import { SaveQueue } from "./save-queue";
import { failStaleGenerations } from "./stale-generations";
import { dropStaleJams } from "./stale-jams";
import { RoomStream } from "./room-stream";
import { StreamSaves } from "./stream-saves";
import type { UnsavedFolder } from "./unsaved-log";
import type { UpdateLimits } from "./update-check";

export interface RoomOptions {
  pieceId: string;
  db: Db;
  log: Log;
  persistDebounceMs: number;
  idleUnloadMs: number;
  compactAfterRows: number;
  /** Bounds on one client update and on the piece (update-check.ts); the defaults when absent. */
  updateLimits?: UpdateLimits;
  /** Alone (no relay): where edits wait for the database, outliving the process (unsaved-log.ts); none, not at all. */
  unsaved?: UnsavedFolder;
  /** With REDIS_URL: other app processes hold the piece too, and updates and awareness go through Redis (relay.ts). */
  relay?: Relay;
  /** With REDIS_URL: which of these jams some app process still runs (server/jam/claims.ts); without, none do. */
  jamsAlive?(jamIds: string[]): Promise<Set<string>>;
  /** With REDIS_URL: which of these generations some app process still runs (server/api/generation-homes.ts); without, none do. */
  generationsAlive?(generationIds: string[]): Promise<Set<string>>;
  /** Called once when the room has unloaded (or failed to load); the owner forgets it then. */
  onGone(room: Room): void;
}

type State = "loading" | "ready" | "gone";

export class Room {
  readonly pieceId: string;
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Resolves when the document is loaded; rejects (and the room is gone) if loading failed. */
  readonly ready: Promise<void>;

  private state: State = "loading";
  private readonly conns = new Set<Connection>();
  private inbox: [Connection, Uint8Array][] = [];
  private readonly outbox: RoomOutbox;
  /** With other processes (REDIS_URL): the piece's stream, once loaded. */
  private stream: RoomStream | null = null;
  /**
   * Alone, a debounced save queue; with other processes (relay), the piece's stream and its save lease. Built by the
   * load, which knows the piece's rows and which of the two it needs; nothing is written before.
   */
  private saves: SaveQueue | StreamSaves | null = null;
  private readonly messages: ClientMessages;
  private unloadTimer: NodeJS.Timeout | null = null;
  private holds = 0;
  private unguard: () => void = () => {};

  constructor(private readonly opts: RoomOptions) {
    this.pieceId = opts.pieceId;
    const { log, updateLimits } = opts;
    const [doc, awareness, conns] = [this.doc, this.awareness, this.conns];
    const stream = () => this.stream;
    const whenKept = (send: () => void) => this.whenKept(send);
    this.messages = new ClientMessages({ pieceId: this.pieceId, doc, awareness, log, updateLimits, conns, stream, whenKept });
    this.outbox = new RoomOutbox({ whenKept, broadcast: (message) => conns.forEach((conn) => conn.send(message)) });
    this.awareness.setLocalState(null); // the server is not a participant
    this.ready = this.load();
    this.ready.catch(() => {}); // failures are handled in load(); callers that await still see them
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  /** Adds a socket; its messages are handled from now on (queued while the room loads). */
  add(conn: Connection): void {
    this.conns.add(conn);
    this.cancelUnload();
    conn.ws.on("message", (data, isBinary) => {
      if (!isBinary) return conn.close(CloseCode.badMessage, "text frames are not part of the protocol");
      if (this.state === "loading") this.inbox.push([conn, messageBytes(data)]);
      else if (this.state === "ready") this.messages.handle(conn, messageBytes(data));
    });
    conn.ws.on("close", () => this.remove(conn));
    conn.ws.on("error", (err) => this.opts.log.warn("collab socket error", { pieceId: this.pieceId, error: String(err) }));
    if (this.state === "ready") this.greet(conn);
  }

  /** Keeps the room loaded while the server itself uses it (readDoc, acceptNotes...). */
  hold(): () => void {
    this.holds++;
    this.cancelUnload();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.scheduleUnload();
    };
  }

  /** Ledger entries for a server-made change; call in the same tick as the change's transaction. */
  addLedger(entries: LedgerEntry[]): void {
    this.loadedSaves().addLedger(entries);
  }

  /** Writes what is pending now (nothing before the load); rejects if the database refused it (it stays queued for a retry). */
  flush(): Promise<void> {
    return this.saves?.flush() ?? Promise.resolve();
  }

  private loadedSaves(): SaveQueue | StreamSaves {
    if (this.saves === null) throw new Error(`collab room ${this.pieceId}: a change to save before the piece has loaded`);
    return this.saves;
  }

  /** Saves, closes every socket with `code` and releases the document (server shutdown). */
  async close(code: CloseCode, reason: string): Promise<void> {
    let error: unknown = null;
    await this.ready.catch(() => {});
    try {
      await this.flush();
    } catch (err) {
      error = err;
    }
    for (const conn of this.conns) conn.close(code, reason);
    this.destroy();
    if (error !== null) throw error;
  }

  private async load(): Promise<void> {
    try {
      const { updates, rows, streamSavedTo } = await loadPiece(this.opts.db, this.pieceId);
      if (this.state === "gone") return;
      applyUpdates(this.doc, updates, SERVER_LOAD);
      if (this.opts.relay) await this.joinStream(this.opts.relay, rows, streamSavedTo);
      else this.saves = await this.saveQueue(rows);
      if ((this.state as State) === "gone") return this.saves?.dispose(); // built after destroy() looked: what it replayed stays in its files
      this.doc.on("update", this.onUpdate);
      this.awareness.on("update", this.onAwareness);
      this.unguard = guardDoc(this.doc, {
        pieceId: this.pieceId,
        clientOf: (origin) => (origin instanceof Connection ? origin.user : null),
        onLedger: (entries) => this.addLedger(entries),
        log: this.opts.log,
      });
      // Only a piece that was never initialised: one whose tracks were all deleted stays that way.
      if (docMaps(this.doc).meta.size === 0) initPieceDoc(this.doc, SERVER_INIT);
      await failStaleGenerations(this.doc, this.opts.generationsAlive);
      await dropStaleJams(this.doc, this.opts.jamsAlive);
      if ((this.state as State) === "gone") return;
    } catch (err) {
      this.opts.log.error("collab room failed to load", { pieceId: this.pieceId, error: String(err) });
      for (const conn of this.conns) conn.close(CloseCode.internalError, "piece could not be loaded");
      this.destroy();
      throw err;
    }
    this.state = "ready";
    for (const conn of this.conns) this.greet(conn);
    const inbox = this.inbox;
    this.inbox = [];
    for (const [conn, data] of inbox) this.messages.handle(conn, data);
    this.scheduleUnload(); // loaded for a socket that already left, or for a one-off read
  }

  /** Several processes: the stream's entries after the database's, and saving through the stream from here on. */
  private async joinStream(relay: Relay, rows: number, savedTo: string | null): Promise<void> {
    const { db, log, pieceId, persistDebounceMs: debounceMs, compactAfterRows } = this.opts;
    const [doc, awareness] = [this.doc, this.awareness];
    const gone = () => this.state === "gone";
    const ready = () => this.state === "ready";
    this.stream = await RoomStream.join({ relay, db, log, pieceId, doc, awareness, gone, ready, debounceMs, compactAfterRows, rows, savedTo });
    if (this.stream) this.saves = this.stream.saves;
  }

  /** One process alone: a debounced queue of writes to the database, and what a process before left unsaved. */
  private async saveQueue(rows: number): Promise<SaveQueue> {
    const { db, log, pieceId, persistDebounceMs: debounceMs, compactAfterRows, unsaved } = this.opts;
    const opened = unsaved ? await unsaved.open(pieceId, this.doc, SERVER_LOAD) : null;
    const queue = new SaveQueue({ db, log, pieceId, debounceMs, compactAfterRows, unsaved: opened?.log ?? null });
    queue.rows = rows;
    if (opened) queue.restore(opened.unsaved);
    return queue;
  }

  /** What the server says first: its state vector (so the client sends what the server lacks) and who is here. */
  private greet(conn: Connection): void {
    conn.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) conn.send(encodeAwareness(this.awareness, clients));
  }

  /**
   * Once every change applied so far outlives this process: alone, once the piece's unsaved log has it (save-queue.ts,
   * unsaved-log.ts); with other processes, once the piece's stream does (stream-saves.ts). So no client holds a change that could die with
   * this process: no process could take it from that client later, as it is written under someone else's client id
   * (update-check.ts), and the client would be refused until its author came back.
   */
  private whenKept(send: () => void): void {
    if (this.saves instanceof StreamSaves) this.saves.afterPublished(send);
    else if (this.saves) this.saves.afterKept(send);
    else send();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.messages.docChanged();
    if (origin === SERVER_LOAD) return;
    // Another process's update was attributed there, and is saved from the stream; this process's own are saved
    // (alone) or go to the stream (with other processes).
    if (origin !== RELAY) this.loadedSaves().addUpdate(update);
    this.outbox.add(update, origin === RELAY);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      added.forEach((id) => origin.awarenessClients.add(id));
      removed.forEach((id) => origin.awarenessClients.delete(id));
    }
    const changed = [...added, ...updated, ...removed];
    const message = encodeAwareness(this.awareness, changed);
    for (const conn of this.conns) conn.send(message);
    if (origin !== RELAY) this.stream?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    else if (added.length > 0) this.announceOwnClients();
  };

  /**
   * Another process has a client new here: it may not know this process's clients yet. What they said while its room
   * was loading was not applied there, and a client says it again only every 15 s, so this process says it now.
   */
  private announceOwnClients(): void {
    const states = this.awareness.getStates();
    const own = [...this.conns].flatMap((conn) => [...conn.awarenessClients]).filter((id) => states.has(id));
    if (own.length > 0) this.stream?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, own));
  }

  private remove(conn: Connection): void {
    this.messages.drop(conn);
    if (!this.conns.delete(conn)) return;
    if (this.state === "ready" && conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
    }
    this.scheduleUnload();
  }

  private scheduleUnload(): void {
    if (this.unloadTimer !== null || this.state !== "ready" || this.conns.size > 0 || this.holds > 0) return;
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      void this.tryUnload();
    }, this.opts.idleUnloadMs);
  }

  private cancelUnload(): void {
    if (this.unloadTimer !== null) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
  }

  private async tryUnload(): Promise<void> {
    try {
      await this.flush();
    } catch {
      this.scheduleUnload(); // never drop a document whose save failed
      return;
    }
    // Someone may have arrived, or written, while the save ran.
    if (this.state !== "ready" || this.conns.size > 0 || this.holds > 0) return;
    if (this.saves?.pending) return this.scheduleUnload();
    this.destroy();
  }

  private destroy(): void {
    if (this.state === "gone") return;
    this.state = "gone";
    this.saves?.dispose();
    this.cancelUnload();
    this.inbox = [];
    this.outbox.clear();
    this.stream?.leave();
    this.unguard();
    this.awareness.destroy();
    this.doc.destroy();
    this.opts.onGone(this);
  }
}
