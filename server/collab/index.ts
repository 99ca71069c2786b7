/**
 * The collaboration server: y-websocket rooms at /collab/<pieceId>, one per open piece.
 *
 * Durability: y-websocket has no acknowledgement, so a client never learns when its update is
 * saved. An applied update (with its ledger entries) is written to doc_updates within
 * persistDebounceMs; on a failed write it stays queued (and the room stays loaded) until a retry
 * succeeds. flushAll() and close() write everything pending at once.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { Db } from "../../db";
import type { MemberRole } from "../../db/schema/pieces";
import { docMaps, generationViewSchema, type GenerationView, type Note } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import type { Log } from "../log";
import type { Collab, ModelAttribution, SessionUser, SocketUser } from "../services";
import { createAccessCheck } from "./access-check";
import { Acks, CloseCode, ProvenanceLater } from "../../lib/collab-protocol";
import { writeImport, type PieceSetup } from "./import-notes";
import { Connection } from "./connection";
import { memberRoleOf, type RoleOf } from "./members";
import { createOriginCheck } from "./origin-check";
import { createSocketCap } from "./socket-cap";
import { refuseUpgrade } from "../refuse-upgrade";
import { SERVER_GENERATION, SERVER_JAM } from "./origins";
import { jamViewSchema, type JamView } from "../../lib/jam/view";
import { writeJamTake, type JamTakeNotes } from "./jam-notes";
import { writeAccept } from "./accept-notes";
import type { Relay } from "./relay";
import { Room } from "./room";
import { writeNoteChanges } from "./note-changes";
import type { NoteChange, OperationAttribution } from "../authorship/undo-by-author";

export { PieceNotFoundError } from "./persistence";
export type { RoleOf } from "./members";

export interface CollabServerOptions {
  db: Db;
  /** The signed-in user behind an upgrade request (from its session cookie) and that session's id, or null. */
  authenticate(req: IncomingMessage): Promise<SocketUser | null>;
  /** The user's role in the piece; defaults to a piece_members lookup. */
  roleOf?: RoleOf;
  log: Log;
  /** Longest time an applied update waits before it is written. */
  persistDebounceMs?: number;
  /** How long a room with no sockets stays loaded. */
  idleUnloadMs?: number;
  pingIntervalMs?: number;
  /** How often every open socket's session and role are checked again (access-check.ts). */
  accessCheckMs?: number;
  /** doc_updates rows a piece may reach before they are compacted into one. */
  compactAfterRows?: number;
  /** Largest WebSocket message accepted; bigger ones close the socket (1009). */
  maxMessageBytes?: number;
  /** Path the rooms live under; the room name (piece id) is the next path segment. */
  pathPrefix?: string;
  /** The origins whose pages may open a socket (origin-check.ts); a request without Origin is no page's and passes. */
  allowedOrigins?: readonly string[];
  /** Open sockets one person may hold at once; the next is closed with 4429. */
  maxSocketsPerUser?: number;
  /** With REDIS_URL: the pieces are shared with other app processes through Redis (relay.ts). */
  relay?: Relay;
}

export interface CollabServer extends Collab {
  /** Pieces loaded in memory now (for tests and metrics). */
  openPieces(): string[];
}

const PIECE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createCollabServer({
  db,
  authenticate,
  roleOf = memberRoleOf(db),
  log,
  persistDebounceMs = 250,
  idleUnloadMs = 30_000,
  pingIntervalMs = 30_000,
  accessCheckMs = 2_000,
  compactAfterRows = 500,
  // A message's bytes are decoded before its size in notes is known: 512 KiB (some 7,000 notes' worth) decodes in
  // tens of milliseconds, and update-check.ts bounds the entries it may write well below that.
  maxMessageBytes = 512 * 1024,
  pathPrefix = "/collab",
  allowedOrigins = [],
  maxSocketsPerUser = 32,
  relay,
}: CollabServerOptions): CollabServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const originAllowed = createOriginCheck(allowedOrigins);
  const sockets = createSocketCap(maxSocketsPerUser);
  const rooms = new Map<string, Room>();
  const connections = new Set<Connection>();
  let closed = false;

  const heartbeat = setInterval(() => {
    for (const conn of connections) if (!conn.heartbeat()) connections.delete(conn);
  }, pingIntervalMs);
  heartbeat.unref();
  const access = createAccessCheck(db, log, () => connections);
  const accessTimer = setInterval(() => void access.all(), accessCheckMs);
  accessTimer.unref();

  const roomFor = (pieceId: string): Room => {
    let room = rooms.get(pieceId);
    if (!room) {
      room = new Room({
        pieceId,
        db,
        log,
        persistDebounceMs,
        idleUnloadMs,
        compactAfterRows,
        relay,
        onGone: (gone) => {
          if (rooms.get(pieceId) === gone) rooms.delete(pieceId);
        },
      });
      rooms.set(pieceId, room);
    }
    return room;
  };

  /** Runs fn on a loaded room, keeping it loaded meanwhile (it unloads later when idle). */
  const withRoom = async <T>(pieceId: string, fn: (room: Room) => T | Promise<T>): Promise<T> => {
    if (closed) throw new Error("collab server is closed");
    const room = roomFor(pieceId);
    const release = room.hold();
    try {
      await room.ready;
      return await fn(room);
    } finally {
      release();
    }
  };

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, pieceId: string, user: SocketUser | null, role: MemberRole | null) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closed) return ws.close(CloseCode.goingAway, "server shutting down");
      if (user === null) return ws.close(CloseCode.unauthenticated, "sign in required");
      if (role === null) return ws.close(CloseCode.forbidden, "not a member of this piece");
      const release = sockets.take(user.id);
      if (release === null) return ws.close(CloseCode.tooManySockets, `more than ${maxSocketsPerUser} open sockets`);
      ws.on("close", release);
      const { sessionId, ...person } = user;
      const conn = new Connection(ws, { pieceId, user: person, sessionId, role, provenanceLater: provenanceLaterOf(req.url), acks: acksOf(req.url) });
      connections.add(conn);
      ws.on("close", () => connections.delete(conn));
      roomFor(pieceId).add(conn); // attaches the message handler now, before the room has loaded
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      const pieceId = pieceIdOf(req.url, pathPrefix);
      if (pieceId === null) return refuseUpgrade(socket, 404, "Not Found");
      if (closed) return refuseUpgrade(socket, 503, "Service Unavailable");
      if (!originAllowed(req.headers.origin)) {
        log.warn("collab socket refused: opened by another site's page", { origin: req.headers.origin });
        return refuseUpgrade(socket, 403, "Forbidden");
      }
      socket.on("error", () => socket.destroy()); // a client vanishing mid-handshake is not our error
      void (async () => {
        let user: SocketUser | null;
        let role: MemberRole | null = null;
        try {
          user = await authenticate(req);
          if (user !== null) role = await roleOf(pieceId, user.id);
        } catch (err) {
          log.error("collab upgrade failed", { pieceId, error: String(err) });
          return refuseUpgrade(socket, 500, "Internal Server Error");
        }
        try {
          accept(req, socket, head, pieceId, user, role);
        } catch (err) {
          log.error("collab upgrade failed", { pieceId, error: String(err) });
          socket.destroy();
        }
      })();
    },

    readDoc: <T>(pieceId: string, fn: (doc: Y.Doc) => T) => withRoom(pieceId, (room) => fn(room.doc)),

    putGenerationView: (pieceId: string, view: GenerationView) =>
      withRoom(pieceId, (room) => {
        const parsed = generationViewSchema.parse(view);
        room.doc.transact(() => docMaps(room.doc).generations.set(parsed.id, parsed), SERVER_GENERATION);
      }),

    removeGenerationView: (pieceId: string, generationId: string) =>
      withRoom(pieceId, (room) => {
        const { generations } = docMaps(room.doc);
        if (generations.has(generationId)) room.doc.transact(() => generations.delete(generationId), SERVER_GENERATION);
      }),

    putJamView: (pieceId: string, view: JamView) =>
      withRoom(pieceId, (room) => {
        const parsed = jamViewSchema.parse(view);
        room.doc.transact(() => docMaps(room.doc).jams.set(parsed.id, parsed), SERVER_JAM);
      }),

    removeJamView: (pieceId: string, jamId: string) =>
      withRoom(pieceId, (room) => {
        const { jams } = docMaps(room.doc);
        if (jams.has(jamId)) room.doc.transact(() => jams.delete(jamId), SERVER_JAM);
      }),

    isConnected: (pieceId: string, userId: string) => [...connections].some((c) => c.pieceId === pieceId && c.user.id === userId),

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

    async flushAll() {
      const results = await Promise.allSettled([...rooms.values()].map((room) => room.flush()));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason), `${failed.length} piece(s) could not be saved`);
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearInterval(accessTimer);
      const results = await Promise.allSettled([...rooms.values()].map((room) => room.close(CloseCode.goingAway, "server shutting down")));
      for (const conn of connections) conn.close(CloseCode.goingAway, "server shutting down");
      wss.close();
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason), `${failed.length} piece(s) could not be saved`);
    },

    memberChanged: (pieceId: string, userId: string) => access.member(pieceId, userId),

    openPieces: () => [...rooms.keys()],
  };
}

/** The piece id in `/collab/<pieceId>` (query string ignored), or null for any other path. */
export function pieceIdOf(url: string | undefined, prefix: string): string | null {
  if (!url) return null;
  const { pathname } = new URL(url, "http://localhost");
  if (!pathname.startsWith(prefix + "/")) return null;
  const id = pathname.slice(prefix.length + 1);
  return PIECE_ID.test(id) ? id : null;
}

const queryParam = (url: string | undefined, name: string): string | null => new URL(url ?? "/", "http://localhost").searchParams.get(name);

/** Whether the socket's URL asks for the provenance after the notes (`?provenance=later`). */
export function provenanceLaterOf(url: string | undefined): boolean {
  return queryParam(url, ProvenanceLater.param) === ProvenanceLater.value;
}

/** Whether the socket's URL asks for a syncStatus answer to each document message (`?acks=1`). */
export function acksOf(url: string | undefined): boolean {
  return queryParam(url, Acks.param) === Acks.value;
}
