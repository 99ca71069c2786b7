/**
 * A socket's messages held back while its room reads the Redis stream for what one of them builds on (room.ts):
 * kept in arrival order, then handled in that order once the read is done, the message that waited first.
 */
import type { Connection } from "./connection";

/** Handles one message; `caughtUp`: the stream was just read for it, so it is not held again. */
type Handle = (conn: Connection, data: Uint8Array, caughtUp: boolean) => void;

export class SocketHolds {
  private readonly held = new Map<Connection, Uint8Array[]>();

  constructor(private readonly handle: Handle) {}

  /** Keeps `data` in its turn if `conn` is held (true), else leaves it to the caller (false). */
  keep(conn: Connection, data: Uint8Array): boolean {
    const waiting = this.held.get(conn);
    if (waiting) waiting.push(data);
    return waiting !== undefined;
  }

  /** Holds `conn`'s messages until `read` settles, then hands over `first` and whatever came meanwhile. */
  hold(conn: Connection, first: Uint8Array, read: Promise<unknown>): void {
    this.held.set(conn, []);
    void read.finally(() => {
      const later = this.held.get(conn) ?? [];
      this.held.delete(conn);
      this.handle(conn, first, true);
      for (const [i, next] of later.entries()) {
        const again = this.held.get(conn); // a later message waits for the stream in its turn
        if (again) return void again.push(...later.slice(i));
        this.handle(conn, next, false);
      }
    });
  }

  /** Forgets a socket that closed. */
  drop(conn: Connection): void {
    this.held.delete(conn);
  }
}
