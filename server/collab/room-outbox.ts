/**
 * A room's broadcast of document changes: once a tick, the tick's changes merged into one message for every socket, so
 * that a client's edit and the server's follow-up (provenance, repair) travel together, and under load many edits
 * share one send per socket. A tick holding a change of this process's own goes out once it is kept (room.ts
 * whenKept); one holding only other processes' changes, which came from the stream, goes out at once.
 */
import * as Y from "yjs";
import { encodeUpdate } from "./protocol";

export interface RoomOutboxOptions {
  /** Runs `send` once every change applied so far outlives this process. */
  whenKept(send: () => void): void;
  /** Sends a message to every socket on the room. */
  broadcast(message: Uint8Array): void;
}

export class RoomOutbox {
  private updates: Uint8Array[] = [];
  /** The tick holds a change of this process's own (not only other processes' from the stream). */
  private own = false;

  constructor(private readonly o: RoomOutboxOptions) {}

  /** `fromStream`: another process's change, already in the piece's stream. */
  add(update: Uint8Array, fromStream: boolean): void {
    this.updates.push(update);
    if (!fromStream) this.own = true;
    if (this.updates.length === 1) setImmediate(this.send);
  }

  /** Drops what this tick holds (the room is gone). */
  clear(): void {
    this.updates = [];
    this.own = false;
  }

  private readonly send = (): void => {
    const [updates, own] = [this.updates, this.own];
    this.clear();
    if (updates.length === 0) return;
    // One message for every socket, the senders' own updates included (as the stock y-websocket server does: a client
    // applies what it already has as a no-op). Leaving each sender's own out would cost one merge per sender per tick.
    const message = encodeUpdate(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    const broadcast = () => this.o.broadcast(message);
    // Other processes' changes need not wait for this process's own to reach the stream. A client may then get one that
    // builds on an own change not sent yet: Yjs holds it until that one comes.
    if (own) this.o.whenKept(broadcast);
    else broadcast();
  };
}
