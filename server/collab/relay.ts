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
 * Ordering and missed messages: one stream per piece keeps the order. Each append is also pushed, with the id of the
 * entry before it, on the piece's channel; a process takes a push that follows the last entry it took, and reads the
 * stream from there when one does not (stream-follower.ts), so a slow or reconnecting reader misses nothing. A process
 * that opens a piece later (or after a restart) loads the database and then applies the stream's entries after the
 * last one the database holds. Applying an update twice is a no-op in Yjs. Awareness is ephemeral: pub/sub, and a
 * state not renewed for 30 s times out as usual.
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
import { compareStreamIds, fieldsOf } from "./stream-entries";
import { StreamFollower } from "./stream-follower";

/** How long the stream keeps an entry once it is saved: a process that is opening the piece may still read it. */
export const RETAIN_MS = 60_000;
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

/** `pollMs`: how often the followed streams are read for entries whose push was lost (stream-follower.ts POLL_MS). */
export function createRelay({ redisUrl, log, pollMs }: { redisUrl: string; log: Log; pollMs?: number }): Relay {
  const processId = randomUUID();
  const prefix = redisPrefix();
  const streamKey = (pieceId: string) => `${prefix}:piece:${pieceId}:updates`;
  const savedKey = (pieceId: string) => `${prefix}:piece:${pieceId}:saved`;
  const leaseKey = (pieceId: string, what: string) => `${prefix}:piece:${pieceId}:lease:${what}`;
  const awarenessChannel = (pieceId: string) => `${prefix}:piece:${pieceId}:awareness`;
  const entriesChannel = (pieceId: string) => `${prefix}:piece:${pieceId}:entries`;
  // Every room's appends of a tick go out in one write; one script each (XADD, PERSIST, PUBLISH), not MULTI ... EXEC.
  const pub: Redis = redisPipelinedConnection(redisUrl);
  pub.defineCommand("tandemAppend", { numberOfKeys: 1, lua: APPEND_SCRIPT });
  const append = (key: string, channel: string, ...args: (string | Buffer)[]) => (pub as unknown as Appender).tandemAppend(key, channel, ...args);
  const reader: Redis = redisConnection(redisUrl);
  const sub: Redis = redisConnection(redisUrl);
  const follower = new StreamFollower({ processId, redis: reader, log, pollMs });
  const byChannel = new Map<string, RelayHandlers>(); // awareness
  const me = Buffer.from(processId);
  for (const r of [pub, reader, sub]) r.on("error", (e: Error) => log.warn("collab relay: Redis", { error: e.message }));

  sub.on("messageBuffer", (rawChannel: Buffer, message: Buffer) => {
    const channel = rawChannel.toString();
    if (follower.push(channel, message) || message.subarray(0, ID_BYTES).equals(me)) return;
    byChannel.get(channel)?.onAwareness(new Uint8Array(message.subarray(ID_BYTES)));
  });
  // ioredis subscribes again after a reconnection; what was pushed meanwhile is read from the streams.
  let subscribed = false;
  sub.on("ready", () => (subscribed ? follower.readAll() : (subscribed = true)));

  return {
    processId,
    async join(pieceId, handlers, after) {
      const key = streamKey(pieceId);
      const channel = awarenessChannel(pieceId);
      const pushes = entriesChannel(pieceId);
      const entries = (await pub.xrangeBuffer(key, after === null ? "-" : `(${after}`, "+")) as [Buffer, Buffer[]][];
      const backlog = entries.map(([, fields]) => fieldsOf(fields).update).filter((u): u is Uint8Array => u !== undefined);
      // From the last entry read: the follower reads once more after subscribing, so nothing in between is lost.
      const backlogTo = entries.length > 0 ? entries[entries.length - 1][0].toString() : null;
      byChannel.set(channel, handlers);
      await sub.subscribe(channel, pushes);
      follower.follow(key, pushes, backlogTo ?? after ?? "0-0", handlers);
      let left = false;
      return {
        backlog,
        backlogTo,
        async publish(update, ledger) {
          // Not trimmed here: only entries the database holds are trimmed (saved()). A stream whose entries were all
          // saved expires; a new entry keeps it (the script persists the key).
          const u = update === null ? "" : Buffer.from(update.buffer, update.byteOffset, update.byteLength);
          return append(key, pushes, processId, u, ledger.length > 0 ? JSON.stringify(ledger) : "");
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
          follower.unfollow(key, pushes);
          byChannel.delete(channel);
          sub.unsubscribe(channel, pushes).catch(() => undefined);
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
      byChannel.clear();
      await follower.close();
      await Promise.all([pub.quit(), reader.quit(), sub.quit()]);
    },
  };
}

interface Appender {
  tandemAppend(key: string, channel: string, ...args: (string | Buffer)[]): Promise<string>; // the channel is ARGV[1]
}

/**
 * Appends an entry to the stream KEYS[1] (ARGV[2..4]: sender, update, ledger JSON; "" for none), keeps the stream from
 * expiring, and pushes the entry on channel ARGV[1] (not a key) with the id before it (stream-entries.ts parsePush);
 * returns its id.
 * Only the id of the last entry is wanted, but XREVRANGE is the cheap way to it (XINFO STREAM returns more).
 */
const APPEND_SCRIPT = `
local last = redis.call("XREVRANGE", KEYS[1], "+", "-", "COUNT", 1)
local fields = {"from", ARGV[2]}
if ARGV[3] ~= "" then fields[#fields + 1] = "u"; fields[#fields + 1] = ARGV[3] end
if ARGV[4] ~= "" then fields[#fields + 1] = "l"; fields[#fields + 1] = ARGV[4] end
local id = redis.call("XADD", KEYS[1], "*", unpack(fields))
redis.call("PERSIST", KEYS[1])
local prev = "-"
if #last > 0 then prev = last[1][1] end
redis.call("PUBLISH", ARGV[1], id .. "\\0" .. prev .. "\\0" .. ARGV[2] .. "\\0" .. ARGV[3])
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
