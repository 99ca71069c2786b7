/**
 * Collaboration across app processes (REDIS_URL set), in the manner of y-redis: each open piece has a Redis
 * stream of document updates and a pub/sub channel of awareness. The process whose socket (or whose own server code)
 * made an update checks it and attributes it, once, as with one process; then it appends the update and its ledger
 * entries to the stream as one entry. Every other process holding the piece applies the update with origin RELAY:
 * not checked or attributed again.
 *
 * The stream is the piece's log until the database has it: one process at a time (the holder of the piece's save
 * lease, stream-saves.ts) writes entries to the database in stream order, with the last entry written, and only
 * then may they be trimmed. So an update that reached the stream survives the death of the process that received it.
 *
 * Ordering and missed messages: one stream per piece keeps the order, and a process reads it from the last entry it
 * saw, so a slow reader misses nothing. A process that opens a piece later (or after a restart) loads the database
 * and then applies the stream's entries after the last one the database holds. Applying an update twice is a no-op
 * in Yjs. Awareness is ephemeral: pub/sub, and a state not renewed for 30 s times out as usual.
 *
 * A process that dies: a process sends its clients a change only once the stream holds it (room.ts whenKept), so
 * what its clients hold, others' changes included, is in the stream. When they reconnect to another process, that one
 * reads the stream for anything their updates build on that its reader has not brought yet (PieceRelay.unread), rather
 * than refuse the update or take another person's client id for the sender's.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { LedgerEntry } from "../authorship/ledger";
import type { Log } from "../log";
import { LEASE_SCRIPT, RELEASE_SCRIPT, redisConnection, redisPipelinedConnection, redisPrefix } from "../redis";

/** How long the stream keeps an entry once it is saved: a process that is opening the piece may still read it. */
export const RETAIN_MS = 60_000;
/** Longest an XREAD blocks before it looks again at which pieces this process follows. */
const BLOCK_MS = 200;
const ID_BYTES = 36; // a randomUUID(): the sender's process id, in front of each awareness message

export interface RelayHandlers {
  /** Other processes' updates read together (one or more), in stream order. */
  onUpdates(updates: Uint8Array[]): void;
  /** After each read of the stream, this process's own entries included: the last entry's id. */
  onEntry?(id: string): void;
  onAwareness(update: Uint8Array): void;
}

/** One stream entry: a tick's updates (merged) and the ledger entries they made, from one process. */
export interface StreamEntry {
  id: string;
  update: Uint8Array | null;
  ledger: LedgerEntry[];
}

export interface PieceRelay {
  /** The stream's entries after the database's last (join's `after`), to apply after the database load. */
  readonly backlog: Uint8Array[];
  /** The backlog's last entry (null: none), which the database may not hold yet. */
  readonly backlogTo: string | null;
  /** Appends one entry; resolves with its id once Redis holds it. */
  publish(update: Uint8Array | null, ledger: readonly LedgerEntry[]): Promise<string>;
  publishAwareness(update: Uint8Array): void;
  /**
   * Other processes' updates in the stream after `after` (the last entry the piece has applied; null: from the
   * start): for a client's update that builds on one of them (a client of a process that died reconnects here), read
   * now rather than refused as a gap or taken as the sender's.
   */
  unread(after: string | null): Promise<Uint8Array[]>;
  leave(): void;
}

export interface Relay {
  readonly processId: string;
  /** Follows the piece's stream and awareness; `after` is the last entry the database holds (null: none). */
  join(pieceId: string, handlers: RelayHandlers, after: string | null): Promise<PieceRelay>;
  /** The stream's entries after `after` (null: from the start), at most `count`. */
  entries(pieceId: string, after: string | null, count: number): Promise<StreamEntry[]>;
  /** After the database has every entry up to `id`: says so to the other processes and trims what is no longer needed. */
  saved(pieceId: string, id: string): Promise<void>;
  /** The last entry the database holds, as the process that wrote it said (null: not known). */
  savedMarker(pieceId: string): Promise<string | null>;
  /** One owner at a time (a piece's saving): true when this process holds the lease now (taken, or renewed). */
  lease(pieceId: string, what: string, ms: number): Promise<boolean>;
  /** Gives the lease up if this process holds it, so another process need not wait for it to expire. */
  release(pieceId: string, what: string): Promise<void>;
  close(): Promise<void>;
}

interface Followed {
  lastId: string;
  handlers: RelayHandlers;
}

export function createRelay({ redisUrl, log }: { redisUrl: string; log: Log }): Relay {
  const processId = randomUUID();
  const prefix = redisPrefix();
  const streamKey = (pieceId: string) => `${prefix}:piece:${pieceId}:updates`;
  const savedKey = (pieceId: string) => `${prefix}:piece:${pieceId}:saved`;
  const leaseKey = (pieceId: string, what: string) => `${prefix}:piece:${pieceId}:lease:${what}`;
  const awarenessChannel = (pieceId: string) => `${prefix}:piece:${pieceId}:awareness`;
  // Every room's appends of a tick go out in one write; one script each (XADD and PERSIST), not MULTI ... EXEC.
  const pub: Redis = redisPipelinedConnection(redisUrl);
  pub.defineCommand("tandemAppend", { numberOfKeys: 1, lua: APPEND_SCRIPT });
  const append = (key: string, fields: (string | Buffer)[]) => (pub as unknown as Appender).tandemAppend(key, ...fields);
  const reader: Redis = redisConnection(redisUrl);
  const sub: Redis = redisConnection(redisUrl);
  const followed = new Map<string, Followed>(); // stream key -> reader state
  const byChannel = new Map<string, RelayHandlers>();
  let closed = false;
  const me = Buffer.from(processId);
  for (const r of [pub, reader, sub]) r.on("error", (e: Error) => log.warn("collab relay: Redis", { error: e.message }));

  sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    if (message.subarray(0, ID_BYTES).equals(me)) return;
    byChannel.get(channel.toString())?.onAwareness(new Uint8Array(message.subarray(ID_BYTES)));
  });

  const reading = (async () => {
    while (!closed) {
      const keys = [...followed.keys()];
      if (keys.length === 0) {
        await new Promise((r) => setTimeout(r, BLOCK_MS));
        continue;
      }
      let res: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        res = (await reader.xreadBuffer("COUNT", 1000, "BLOCK", BLOCK_MS, "STREAMS", ...keys, ...keys.map((k) => followed.get(k)!.lastId))) as typeof res;
      } catch (e) {
        if (closed) return;
        log.warn("collab relay: reading the streams failed; retrying", { error: (e as Error).message });
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      for (const [key, entries] of res ?? []) {
        const f = followed.get(key.toString());
        if (!f || entries.length === 0) continue; // left while the read was out
        const updates: Uint8Array[] = [];
        for (const [, fields] of entries) {
          const entry = fieldsOf(fields);
          if (entry.from !== processId && entry.update) updates.push(entry.update);
        }
        f.lastId = entries[entries.length - 1][0].toString();
        if (updates.length > 0) f.handlers.onUpdates(updates);
        f.handlers.onEntry?.(f.lastId);
      }
    }
  })();

  return {
    processId,
    async join(pieceId, handlers, after) {
      const key = streamKey(pieceId);
      const channel = awarenessChannel(pieceId);
      const entries = (await pub.xrangeBuffer(key, after === null ? "-" : `(${after}`, "+")) as [Buffer, Buffer[]][];
      const backlog = entries.map(([, fields]) => fieldsOf(fields).update).filter((u): u is Uint8Array => u !== undefined);
      // From the last entry read: whatever is appended from now on is read next, nothing in between is lost.
      const backlogTo = entries.length > 0 ? entries[entries.length - 1][0].toString() : null;
      followed.set(key, { lastId: backlogTo ?? after ?? "0-0", handlers });
      byChannel.set(channel, handlers);
      await sub.subscribe(channel);
      let left = false;
      return {
        backlog,
        backlogTo,
        async publish(update, ledger) {
          const fields: (string | Buffer)[] = ["from", processId];
          if (update !== null) fields.push("u", Buffer.from(update.buffer, update.byteOffset, update.byteLength));
          if (ledger.length > 0) fields.push("l", JSON.stringify(ledger));
          // Not trimmed here: only entries the database holds are trimmed (saved()). A stream whose entries were all
          // saved expires; a new entry keeps it (the script persists the key).
          return append(key, fields);
        },
        publishAwareness(update) {
          if (left) return;
          pub.publish(channel, Buffer.concat([me, update])).catch(() => undefined); // ephemeral: the next state corrects it
        },
        async unread(after) {
          // The reader hands these over too, later: applying an update twice is a no-op.
          const found = (await pub.xrangeBuffer(key, after === null ? "-" : `(${after}`, "+")) as [Buffer, Buffer[]][];
          return found.map(([, fields]) => fieldsOf(fields)).flatMap((e) => (e.from !== processId && e.update ? [e.update] : []));
        },
        leave() {
          if (left) return;
          left = true;
          followed.delete(key);
          byChannel.delete(channel);
          sub.unsubscribe(channel).catch(() => undefined);
        },
      };
    },
    async entries(pieceId, after, count) {
      const found = (await pub.xrangeBuffer(streamKey(pieceId), after === null ? "-" : `(${after}`, "+", "COUNT", count)) as [Buffer, Buffer[]][];
      return found.map(([id, fields]) => {
        const { update, ledger } = fieldsOf(fields);
        return { id: id.toString(), update: update ?? null, ledger: ledger ?? [] };
      });
    },
    async saved(pieceId, id) {
      const keepFrom = `${Date.now() - RETAIN_MS}-0`;
      await pub.eval(SAVED_SCRIPT, 2, streamKey(pieceId), savedKey(pieceId), id, compareStreamIds(id, keepFrom) < 0 ? id : keepFrom, RETAIN_MS * 2);
    },
    async savedMarker(pieceId) {
      return pub.get(savedKey(pieceId));
    },
    async lease(pieceId, what, ms) {
      // Taken if free, renewed if ours, in one step.
      const held = await pub.eval(LEASE_SCRIPT, 1, leaseKey(pieceId, what), processId, ms);
      return held === 1;
    },
    async release(pieceId, what) {
      await pub.eval(RELEASE_SCRIPT, 1, leaseKey(pieceId, what), processId);
    },
    async close() {
      closed = true;
      followed.clear();
      byChannel.clear();
      reader.disconnect(); // ends a blocked XREAD at once
      await reading;
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}

interface Appender {
  tandemAppend(key: string, ...fields: (string | Buffer)[]): Promise<string>;
}

/** Appends an entry (ARGV: its fields) to the stream KEYS[1] and keeps the stream from expiring; returns its id. */
const APPEND_SCRIPT = `
local id = redis.call("XADD", KEYS[1], "*", unpack(ARGV))
redis.call("PERSIST", KEYS[1])
return id`;

// The marker says how far the database is; entries before both it and the retention window go. Once the database
// holds the stream's last entry, the stream and marker expire unless a new entry comes (publish() persists the key).
const SAVED_SCRIPT = `
redis.call("SET", KEYS[2], ARGV[1])
redis.call("XTRIM", KEYS[1], "MINID", ARGV[2])
local last = redis.call("XREVRANGE", KEYS[1], "+", "-", "COUNT", 1)
if #last == 0 or last[1][1] == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[3])
  redis.call("PEXPIRE", KEYS[2], ARGV[3])
end
return 0`;

/** Orders two stream ids ("<ms>-<seq>"): negative when a comes first. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(BigInt);
  const [bm, bs] = b.split("-").map(BigInt);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

/** A stream entry's fields: ["from", processId, "u", update, "l", ledger JSON], "u" and "l" each optional. */
function fieldsOf(fields: Buffer[]): { from?: string; update?: Uint8Array; ledger?: LedgerEntry[] } {
  const out: { from?: string; update?: Uint8Array; ledger?: LedgerEntry[] } = {};
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i].toString();
    if (name === "from") out.from = fields[i + 1].toString();
    else if (name === "u") out.update = new Uint8Array(fields[i + 1]);
    else if (name === "l") out.ledger = JSON.parse(fields[i + 1].toString()) as LedgerEntry[];
  }
  return out;
}
