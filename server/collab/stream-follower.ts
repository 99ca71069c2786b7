/**
 * How a process follows the streams of the pieces it holds (relay.ts). Each append also publishes the entry, with the
 * id of the entry before it, on the piece's channel (APPEND_SCRIPT), the way Hocuspocus's Redis extension fans out by
 * pub/sub; the stream stays the log, which a follower reads only for what it missed:
 * - a push whose previous entry is the last one taken here is taken at once;
 * - one that is not (a message lost while the subscription reconnected or Redis dropped a slow subscriber, or sent
 *   while the piece was joining) makes the follower read the stream after its last entry;
 * - every POLL_MS, one read of all the followed streams finds a gap that no later push reveals (a quiet piece).
 *
 * Before, a blocking XREAD did all the reading: under load it came back for nearly every entry, and writing it again
 * was ~9% of an app process's busy time.
 */
import type { Redis } from "ioredis";
import type { Log } from "../log";
import { compareStreamIds, fieldsOf, parsePush } from "./stream-entries";
import type { RelayHandlers } from "./relay";

/** How often every followed stream is read for entries whose push never came. */
export const POLL_MS = 1_000;
/** Entries one read takes at most; a read that fills it reads again. */
const READ_COUNT = 1_000;

type RawEntry = [Buffer, Buffer[]];

interface Follow {
  key: string;
  handlers: RelayHandlers;
  /** The last entry taken. */
  lastId: string;
  /** Other processes' updates taken in this turn of the event loop, handed over together (null: none scheduled). */
  taken: Uint8Array[] | null;
  /** A read of the stream is out; `again`: a push past a gap came meanwhile, so read once more after it. */
  reading: boolean;
  again: boolean;
}

export class StreamFollower {
  private readonly byKey = new Map<string, Follow>();
  private readonly byChannel = new Map<string, Follow>();
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly polling: Promise<void>;

  /** `redis`: for the reads, which never block. */
  constructor(private readonly o: { processId: string; redis: Redis; log: Log; pollMs?: number }) {
    this.polling = this.poll();
  }

  /** Follows stream `key`, whose pushes come on `channel`, from entry `lastId`; reads once for pushes sent meanwhile. */
  follow(key: string, channel: string, lastId: string, handlers: RelayHandlers): void {
    const f: Follow = { key, handlers, lastId, taken: null, reading: false, again: false };
    this.byKey.set(key, f);
    this.byChannel.set(channel, f);
    void this.read(f);
  }

  unfollow(key: string, channel: string): void {
    this.byKey.delete(key);
    this.byChannel.delete(channel);
  }

  /** A message on a subscribed channel: false when it is no stream's (awareness). */
  push(channel: string, message: Buffer): boolean {
    const f = this.byChannel.get(channel);
    if (!f) return false;
    const push = parsePush(message);
    if (push === null) {
      this.o.log.warn("collab relay: a push that does not parse; reading the stream", { channel });
      void this.read(f);
    } else if (compareStreamIds(push.id, f.lastId) > 0) {
      if (push.prev === f.lastId) this.take(f, push.id, push.from, push.update);
      else void this.read(f);
    }
    return true;
  }

  /** Reads every followed stream now: after the subscription reconnected, pushes may have been lost. */
  readAll(): void {
    for (const f of this.byKey.values()) void this.read(f);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.byKey.clear();
    this.byChannel.clear();
    this.wake?.();
    await this.polling;
  }

  private take(f: Follow, id: string, from: string | undefined, update: Uint8Array | null | undefined): void {
    f.lastId = id;
    if (f.taken === null) {
      f.taken = [];
      queueMicrotask(() => this.handOver(f)); // after the rest of this socket read's messages
    }
    if (from !== this.o.processId && update) f.taken.push(update);
  }

  private handOver(f: Follow): void {
    const updates = f.taken ?? [];
    f.taken = null;
    if (this.byKey.get(f.key) !== f) return; // left meanwhile
    if (updates.length > 0) f.handlers.onUpdates(updates);
    f.handlers.onEntry?.(f.lastId);
  }

  /** Takes entries read from the stream, those after the last taken (pushes may have brought some meanwhile). */
  private takeEntries(f: Follow, entries: RawEntry[]): void {
    for (const [rawId, fields] of entries) {
      const id = rawId.toString();
      if (compareStreamIds(id, f.lastId) <= 0) continue;
      const { from, update } = fieldsOf(fields);
      this.take(f, id, from, update);
    }
  }

  private async read(f: Follow): Promise<void> {
    if (f.reading) {
      f.again = true;
      return;
    }
    f.reading = true;
    try {
      do {
        f.again = false;
        const entries = (await this.o.redis.xrangeBuffer(f.key, `(${f.lastId}`, "+", "COUNT", READ_COUNT)) as RawEntry[];
        if (this.byKey.get(f.key) !== f) return;
        this.takeEntries(f, entries);
        if (entries.length === READ_COUNT) f.again = true;
      } while (f.again);
    } catch (e) {
      if (!this.closed) this.o.log.warn("collab relay: reading a stream failed; the next poll reads it", { error: (e as Error).message });
    } finally {
      f.reading = false;
    }
  }

  private async poll(): Promise<void> {
    while (!this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.pollMs ?? POLL_MS);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      const follows = [...this.byKey.values()].filter((f) => !f.reading);
      if (this.closed || follows.length === 0) continue;
      try {
        const keys = follows.map((f) => f.key);
        const res = (await this.o.redis.xreadBuffer("COUNT", READ_COUNT, "STREAMS", ...keys, ...follows.map((f) => f.lastId))) as [Buffer, RawEntry[]][] | null;
        for (const [key, entries] of res ?? []) {
          const f = this.byKey.get(key.toString());
          if (!f) continue;
          this.takeEntries(f, entries);
          if (entries.length === READ_COUNT) void this.read(f);
        }
      } catch (e) {
        if (!this.closed) this.o.log.warn("collab relay: reading the streams failed; retrying", { error: (e as Error).message });
      }
    }
  }
}
