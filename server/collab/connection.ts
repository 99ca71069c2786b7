/** One client socket in a room: who is behind it, what they may do, and a safe way to talk to it. */
import { WebSocket } from "ws";
import type { MemberRole } from "../../db/schema/pieces";
import type { SessionUser } from "../services";
import { CloseCode } from "../../lib/collab-protocol";

// A client this far behind on reading is not keeping up; dropping it beats buffering without bound.
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export interface ConnectionOptions {
  pieceId: string;
  user: SessionUser;
  sessionId: string | null;
  role: MemberRole;
  provenanceLater?: boolean;
  acks?: boolean;
}

export class Connection {
  /** Cleared on each ping, set again by the pong; a socket still clear at the next ping is dead. */
  alive = true;
  /** The awareness client ids this socket has announced, removed from the room when it closes. */
  readonly awarenessClients = new Set<number>();

  readonly pieceId: string;
  readonly user: SessionUser;
  /** The session that signed the upgrade in, checked again while the socket is open (access-check.ts); null: none (tests). */
  readonly sessionId: string | null;
  /** Asked (`?provenance=later`) for the notes first and the provenance on its next sync step 1 (sync-reply.ts). */
  readonly provenanceLater: boolean;
  /** Asked (`?acks=1`) for a syncStatus answer to each document message it sends (lib/collab-protocol.ts). */
  readonly acks: boolean;
  private currentRole: MemberRole;

  constructor(readonly ws: WebSocket, opts: ConnectionOptions) {
    this.pieceId = opts.pieceId;
    this.user = opts.user;
    this.sessionId = opts.sessionId;
    this.currentRole = opts.role;
    this.provenanceLater = opts.provenanceLater ?? false;
    this.acks = opts.acks ?? false;
    ws.on("pong", () => {
      this.alive = true;
    });
  }

  /** The person's role in the piece now: set at the upgrade, changed while open when the owner changes it. */
  get role(): MemberRole {
    return this.currentRole;
  }

  setRole(role: MemberRole): void {
    this.currentRole = role;
  }

  /** Viewers and reviewers may read and show their presence; their document updates are dropped. */
  get canWrite(): boolean {
    return this.currentRole === "editor" || this.currentRole === "owner";
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(message, (err) => {
      if (err) this.ws.terminate();
    });
  }

  close(code: CloseCode, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }

  /** One round of the liveness check; returns false when the socket was dead and has been dropped. */
  heartbeat(): boolean {
    if (!this.alive) {
      this.ws.terminate();
      return false;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
      return false;
    }
    return true;
  }
}

/** The binary payload of a `ws` message event as a Uint8Array (whatever binaryType delivered). */
export function messageBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
