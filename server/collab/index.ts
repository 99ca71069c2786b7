/**
 * The collaboration server: y-websocket rooms at /collab/<pieceId>, one per open piece.
 *
 * Durability: an applied update (with its ledger entries) is written to doc_updates within persistDebounceMs, and
 * other clients are shown it, and its sender acknowledged (`?acks=1`), once it outlives the process: alone, once the
 * piece's unsaved log has it (unsaved-log.ts); with other processes (relay), once the piece's Redis stream does. On a
 * failed write it stays queued (and the room stays loaded) until a retry succeeds. flushAll() and close() write
 * everything pending at once.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { Db } from "../../db";
import type { MemberRole } from "../../db/schema/pieces";
import type { Log } from "../log";
import type { Collab, SocketUser } from "../services";
import { createAccessCheck } from "./access-check";
import { CloseCode } from "../../lib/collab-protocol";
import { Connection } from "./connection";
import { memberRoleOf, type RoleOf } from "./members";
import { createOriginCheck } from "./origin-check";
import { createSocketCap } from "./socket-cap";
import { refuseUpgrade } from "../refuse-upgrade";
import { docWrites, type WithRoom } from "./doc-writes";
import type { Relay } from "./relay";
import { Room } from "./room";
import { UnsavedFolder } from "./unsaved-log";
import { acksOf, pieceIdOf, provenanceLaterOf } from "./upgrade-url";

export { PieceNotFoundError } from "./persistence";
export type { RoleOf } from "./members";
export { acksOf, pieceIdOf, provenanceLaterOf } from "./upgrade-url";

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
  /** Without: where edits wait for the database, outliving the process (unsaved-log.ts); none, not at all (tests). */
  unsavedDir?: string;
  /** With REDIS_URL: which of these jams some app process still runs; a piece loading keeps their views (room.ts). */
  jamsAlive?(jamIds: string[]): Promise<Set<string>>;
  /** With REDIS_URL: which of these generations some app process still runs; a piece loading keeps their views (room.ts). */
  generationsAlive?(generationIds: string[]): Promise<Set<string>>;
}

export interface CollabServer extends Collab {
  /** Pieces loaded in memory now (for tests and metrics). */
  openPieces(): string[];
}

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
  unsavedDir,
  jamsAlive,
  generationsAlive,
}: CollabServerOptions): CollabServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const originAllowed = createOriginCheck(allowedOrigins);
  const sockets = createSocketCap(maxSocketsPerUser);
  const rooms = new Map<string, Room>();
  const connections = new Set<Connection>();
  const unsaved = unsavedDir && !relay ? new UnsavedFolder(unsavedDir, log) : undefined; // with a relay, the stream keeps edits
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
        unsaved,
        jamsAlive,
        generationsAlive,
        onGone: (gone) => {
          if (rooms.get(pieceId) === gone) rooms.delete(pieceId);
        },
      });
      rooms.set(pieceId, room);
    }
    return room;
  };

  /** Runs fn on a loaded room, keeping it loaded meanwhile (it unloads later when idle). */
  const withRoom: WithRoom = async (pieceId, fn) => {
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

    ...docWrites(withRoom),

    async warm(pieceId: string, userId: string) {
      if (closed || rooms.has(pieceId) || (await roleOf(pieceId, userId)) === null) return;
      await withRoom(pieceId, async () => {}); // loaded, and unloaded as any idle room is if nobody comes
    },

    isConnected: (pieceId: string, userId: string) => [...connections].some((c) => c.pieceId === pieceId && c.user.id === userId),

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
