/** One client socket in a room: who is behind it, what they may do, and a safe way to talk to it. */
import { WebSocket } from "ws";
import type { MemberRole } from "../../db/schema/pieces";
import type { SessionUser } from "../services";
import { CloseCode } from "./close-codes";

// A client this far behind on reading is not keeping up; dropping it beats buffering without bound.
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export class Connection {
  /** Cleared on each ping, set again by the pong; a socket still clear at the next ping is dead. */
  alive = true;
  /** The awareness client ids this socket has announced, removed from the room when it closes. */
  readonly awarenessClients = new Set<number>();

  constructor(
    readonly ws: WebSocket,
    readonly user: SessionUser,
    readonly role: MemberRole,
    /** Asked (`?provenance=later`) for the notes first and the provenance on its next sync step 1 (sync-reply.ts). */
    readonly provenanceLater = false,
  ) {
    ws.on("pong", () => {
      this.alive = true;
    });
  }

  /** Viewers and reviewers may read and show their presence; their document updates are dropped. */
  get canWrite(): boolean {
    return this.role === "editor" || this.role === "owner";
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
