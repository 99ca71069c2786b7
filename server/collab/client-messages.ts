/**
 * What a room does with a client's messages (room.ts holds the sockets and the document): answers a sync step 1,
 * checks a writer's update and applies it or refuses it whole (update-check.ts), acknowledges it once kept, and
 * takes a socket's awareness for its own clients only. With other processes, an update that builds on what this one
 * has not read yet waits for a read of the stream, and the socket's later messages wait their turn (socket-holds.ts).
 */
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode } from "../../lib/collab-protocol";
import type { Log } from "../log";
import { bindClients, ownerOfClient } from "./client-owners";
import type { Connection } from "./connection";
import { awarenessClientIds, decodeMessage, encodeAwareness, encodeSyncStatus } from "./protocol";
import type { RoomStream } from "./room-stream";
import { SocketHolds } from "./socket-holds";
import { syncReplies } from "./sync-reply";
import { checkClientUpdate, type UpdateLimits, type UpdateVerdict } from "./update-check";

export interface ClientMessagesOptions {
  pieceId: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  log: Log;
  updateLimits?: UpdateLimits;
  /** The room's open sockets: a message from one no longer there is ignored. */
  conns: ReadonlySet<Connection>;
  /** With other processes, the piece's stream (once loaded); alone, null. */
  stream(): RoomStream | null;
  /** Runs `send` once every change applied so far outlives this process (room.ts). */
  whenKept(send: () => void): void;
}

export class ClientMessages {
  /** Sockets whose messages wait while the room reads the stream for what one of their updates builds on. */
  private readonly held = new SocketHolds((conn, data, caughtUp) => this.handle(conn, data, caughtUp));
  private readonly syncReplies;

  constructor(private readonly o: ClientMessagesOptions) {
    this.syncReplies = syncReplies(o.doc);
  }

  /** The document changed: a sync reply cached before is stale. */
  docChanged(): void {
    this.syncReplies.invalidate();
  }

  /** Forgets a socket that closed. */
  drop(conn: Connection): void {
    this.held.drop(conn);
  }

  /** `caughtUp`: the room has just read the stream for what this message builds on (catchUpThen). */
  handle(conn: Connection, data: Uint8Array, caughtUp = false): void {
    const { o } = this;
    if (!o.conns.has(conn) || !conn.open) return; // a socket being closed (a refused update) is heard no more
    if (this.held.keep(conn, data)) return;
    try {
      const msg = decodeMessage(data);
      switch (msg.type) {
        case "sync-step-1": {
          const replies = this.syncReplies.reply(msg.stateVector, { provenanceLater: conn.provenanceLater });
          o.whenKept(() => replies.forEach((reply) => conn.send(reply)));
          break;
        }
        case "sync-step-2":
        case "update": {
          // A reader's updates are dropped (a reader's client sends none, or an empty step 2); one that asked is told so.
          const verdict = conn.canWrite ? checkClientUpdate(o.doc, msg.update, conn.user.id, ownerOfClient(o.doc), o.updateLimits) : null;
          // Lacking something, or writing under a client id new here: another process's, perhaps, not read yet.
          const unread = verdict !== null && (verdict.ok ? verdict.newClients.length > 0 : verdict.missing);
          const stream = o.stream();
          if (unread && stream && !caughtUp) return this.catchUpThen(conn, data, stream);
          const applied = verdict !== null && this.applyClientUpdate(conn, msg.update, verdict);
          if (conn.acks) o.whenKept(() => conn.send(encodeSyncStatus(applied)));
          break;
        }
        case "awareness":
          // A socket speaks for its own awareness clients only, never for another socket's.
          if (awarenessClientIds(msg.update).some((id) => this.claimedByOther(id, conn))) break;
          awarenessProtocol.applyAwarenessUpdate(o.awareness, msg.update, conn);
          break;
        case "query-awareness":
          conn.send(encodeAwareness(o.awareness, [...o.awareness.getStates().keys()]));
          break;
      }
    } catch (err) {
      o.log.warn("collab bad message", { pieceId: o.pieceId, userId: conn.user.id, error: String(err) });
      conn.close(CloseCode.badMessage, "malformed message");
    }
  }

  /**
   * An update builds on something this process lacks, or writes under a client id it has not seen. With other
   * processes that may be only not read yet: a client of a process that died reconnects here with what that process
   * sent it, all of it in the stream (room.ts whenKept), another client's changes and that process's own among them.
   * Binding such an id to the sender, or refusing the update, would be wrong; so the room reads the stream now and
   * looks at the update again, the socket's later messages waiting their turn.
   */
  private catchUpThen(conn: Connection, data: Uint8Array, stream: RoomStream): void {
    const read = stream.catchUp().catch((err) =>
      this.o.log.warn("collab: reading the stream to catch up failed", { pieceId: this.o.pieceId, error: String(err) }),
    );
    this.held.hold(conn, data, read);
  }

  /** Applies a writer's checked update (true), or refuses it whole and closes the socket with a named code (update-check.ts). */
  private applyClientUpdate(conn: Connection, update: Uint8Array, verdict: UpdateVerdict): boolean {
    if (!verdict.ok) {
      this.o.log.warn("collab update refused", { pieceId: this.o.pieceId, userId: conn.user.id, reason: verdict.reason });
      conn.close(verdict.code, verdict.reason);
      return false;
    }
    bindClients(this.o.doc, verdict.newClients, conn.user.id);
    Y.applyUpdate(this.o.doc, update, conn);
    return true;
  }

  private claimedByOther(clientId: number, conn: Connection): boolean {
    for (const other of this.o.conns) if (other !== conn && other.awarenessClients.has(clientId)) return true;
    return false;
  }
}
