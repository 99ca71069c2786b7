/**
 * One jam a piece across app processes (REDIS_URL, issue 15), in Redis:
 * - the piece's claim (SET NX with a lease, JAM_LEASE_MS), taken when a jam starts, renewed while it plays, given up
 *   when it stops; it names the jam and its leader, so a second start anywhere is refused as on one process;
 * - the jam's home (the process that runs it, playing or with its take waiting for Keep), leased the same way, where
 *   other processes forward calls for it (bus.ts);
 * - a registry of the cluster's jams (jam -> piece and leader), so that any process finds the jams whose home lapsed
 *   (their process died) and takes them over (adopt.ts), or removes their views;
 * - a mark on each playing jam whose leader has a socket open on the piece, renewed by whichever process holds the
 *   socket, so that the process running the jam knows its leader is still there (cluster-hub.ts).
 * A process that is killed stops renewing: its piece claims and homes lapse within JAM_LEASE_MS.
 */
import type { Redis } from "ioredis";
import type { Log } from "../log";
import { LEASE_SCRIPT, ORPHANS_SCRIPT, RELEASE_SCRIPT, redisPrefix, redisUpkeepConnection } from "../redis";
import type { JamLease } from "./types";

export const JAM_LEASE_MS = 6_000;

/** A jam of the cluster, as its registry entry says. */
export interface ClusterJam {
  jamId: string;
  pieceId: string;
  leaderId: string;
}

export interface JamClaims extends JamLease {
  readonly processId: string;
  /** The process running the jam (null: none, or it died and its home lapsed). */
  home(jamId: string): Promise<string | null>;
  /**
   * Which of these jams the cluster still holds: a process runs it, or its process died and it waits in the registry
   * for the next sweep to take it over (adopt.ts). A piece loaded meanwhile must not drop its view: the take is in it.
   */
  alive(jamIds: readonly string[]): Promise<Set<string>>;
  /**
   * Makes this process the home of a jam whose process died (registered again, renewed with the rest): false when
   * another process is its home already.
   */
  adopt(pieceId: string, jam: { id: string; leaderId: string }): Promise<boolean>;
  /** Renews every claim and home this process holds; returns the pieces' claims it lost to another process. */
  renew(): Promise<{ pieceId: string; jamId: string }[]>;
  /** The registry: the jams whose home lapsed are taken out of it and returned as `orphans`; the rest are `live`. */
  sweep(): Promise<{ orphans: ClusterJam[]; live: ClusterJam[] }>;
  /** Marks these jams' leaders as here: they have a socket open on the jam's piece on this process. */
  markLeaders(jamIds: readonly string[]): Promise<void>;
  /** Which of these jams' leaders some process marked in the last lease. */
  leadersMarked(jamIds: readonly string[]): Promise<Set<string>>;
  /** Stops renewing and closes the connection: what is still held lapses. */
  close(): Promise<void>;
}

export interface JamClaimsOptions {
  redisUrl: string;
  /** This process's id (the relay's): what its claims and homes hold, and where calls for its jams go. */
  processId: string;
  log: Log;
  leaseMs?: number;
}

export function createJamClaims({ redisUrl, processId, log, leaseMs = JAM_LEASE_MS }: JamClaimsOptions): JamClaims {
  const prefix = redisPrefix();
  const claimKey = (pieceId: string) => `${prefix}:piece:${pieceId}:jam`;
  const homeKey = (jamId: string) => `${prefix}:jam:${jamId}:home`;
  const leaderKey = (jamId: string) => `${prefix}:jam:${jamId}:leader-here`;
  const registry = `${prefix}:jams`;
  // Out of reach, a call fails (a start says so, a piece loads keeping its jams, the upkeep logs and tries again)
  // rather than waiting for Redis for ever, and a shutdown does not hang on it.
  const redis: Redis = redisUpkeepConnection(redisUrl);
  redis.on("error", (e: Error) => log.warn("jam claims: Redis", { error: e.message }));
  const pieces = new Map<string, { jamId: string; claim: string }>(); // the piece claims held here, with their values
  const homes = new Set<string>();
  const existing = async (keyOf: (jamId: string) => string, jamIds: readonly string[]) => {
    if (jamIds.length === 0) return new Set<string>();
    const found = await redis.mget(...jamIds.map(keyOf));
    return new Set(jamIds.filter((_, i) => found[i] !== null));
  };
  const free = async (pieceId: string, jamId: string) => {
    const held = pieces.get(pieceId);
    if (held?.jamId !== jamId) return;
    pieces.delete(pieceId);
    await redis.eval(RELEASE_SCRIPT, 1, claimKey(pieceId), held.claim);
  };

  return {
    processId,
    async take(pieceId, jam) {
      const claim = JSON.stringify({ process: processId, jamId: jam.id, leaderName: jam.leaderName });
      const entry = JSON.stringify({ pieceId, leaderId: jam.leaderId });
      const [taken, holder] = (await redis.eval(TAKE, 3, claimKey(pieceId), homeKey(jam.id), registry, claim, processId, leaseMs, jam.id, entry)) as [number, string?];
      if (taken === 1) {
        pieces.set(pieceId, { jamId: jam.id, claim });
        homes.add(jam.id);
        return null;
      }
      return (JSON.parse(holder!) as { leaderName: string }).leaderName;
    },
    free,
    async forget(pieceId, jamId) {
      await free(pieceId, jamId);
      homes.delete(jamId);
      await redis.eval(FORGET, 2, homeKey(jamId), registry, processId, jamId);
    },
    async adopt(pieceId, jam) {
      const entry = JSON.stringify({ pieceId, leaderId: jam.leaderId });
      if ((await redis.eval(ADOPT, 2, homeKey(jam.id), registry, processId, leaseMs, jam.id, entry)) !== 1) return false;
      homes.add(jam.id);
      return true;
    },
    home: (jamId) => redis.get(homeKey(jamId)),
    async alive(jamIds) {
      if (jamIds.length === 0) return new Set<string>();
      const [homed, listed] = await Promise.all([existing(homeKey, jamIds), redis.hmget(registry, ...jamIds)]);
      return new Set(jamIds.filter((id, i) => homed.has(id) || listed[i] !== null));
    },
    async renew() {
      const claims = [...pieces];
      const batch = redis.pipeline();
      for (const [pieceId, { claim }] of claims) batch.eval(LEASE_SCRIPT, 1, claimKey(pieceId), claim, leaseMs);
      for (const jamId of homes) batch.eval(LEASE_SCRIPT, 1, homeKey(jamId), processId, leaseMs);
      const results = (await batch.exec()) ?? [];
      const lost: { pieceId: string; jamId: string }[] = [];
      claims.forEach(([pieceId, { jamId }], i) => {
        const [err, held] = results[i];
        if (err || held === 1 || pieces.get(pieceId)?.jamId !== jamId) return; // an error is tried again next time
        pieces.delete(pieceId);
        lost.push({ pieceId, jamId });
      });
      return lost;
    },
    async sweep() {
      const all = Object.entries(await redis.hgetall(registry)).map(([jamId, entry]) => ({ jamId, ...(JSON.parse(entry) as Omit<ClusterJam, "jamId">) }));
      if (all.length === 0) return { orphans: [], live: [] };
      // Checked and taken out in one step: a jam forgotten meanwhile (home and entry go together) is no orphan.
      const gone = new Set((await redis.eval(ORPHANS_SCRIPT, all.length + 1, registry, ...all.map((j) => homeKey(j.jamId)), ...all.map((j) => j.jamId))) as string[]);
      return { orphans: all.filter((j) => gone.has(j.jamId)), live: all.filter((j) => !gone.has(j.jamId)) };
    },
    async markLeaders(jamIds) {
      if (jamIds.length === 0) return;
      const batch = redis.pipeline();
      for (const jamId of jamIds) batch.set(leaderKey(jamId), processId, "PX", leaseMs);
      await batch.exec();
    },
    leadersMarked: (jamIds) => existing(leaderKey, jamIds),
    async close() {
      pieces.clear();
      homes.clear();
      await redis.quit().catch(() => undefined);
    },
  };
}

// KEYS: claim, home, registry; ARGV: claim value, process id, lease ms, jam id, registry entry. {1} when taken, else
// {0, the claim that holds the piece}.
const TAKE = `
if redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[3], "NX") then
  redis.call("SET", KEYS[2], ARGV[2], "PX", ARGV[3])
  redis.call("HSET", KEYS[3], ARGV[4], ARGV[5])
  return {1}
end
return {0, redis.call("GET", KEYS[1])}`;

// KEYS: home, registry; ARGV: process id, lease ms, jam id, registry entry. 1 when this process is the home now.
const ADOPT = `
if redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2], "NX") then
  redis.call("HSET", KEYS[2], ARGV[3], ARGV[4])
  return 1
end
return 0`;

// KEYS: home, registry; ARGV: process id, jam id.
const FORGET = `
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
redis.call("HDEL", KEYS[2], ARGV[2])
return 0`;
