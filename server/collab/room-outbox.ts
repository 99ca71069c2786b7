/**
 * A room's broadcast of document changes. This process's own changes go out once a tick, merged into one message
 * for every socket, so that a client's edit and the server's follow-up (provenance, repair) travel together, and
 * under load many edits share one send per socket; such a tick goes out once it is kept (room.ts whenKept). Other
 * processes' changes, which came from the stream already kept, go out as they are applied: what one read of the
 * stream's pushes brought is one change (stream-follower.ts), and waiting for the tick's end would make it wait for
 * every other socket's messages of this turn of the event loop.
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
    else if (!this.own) return this.send(); // nothing of this process's own waits in this tick
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
