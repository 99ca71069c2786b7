/**
 * Jams across app processes (REDIS_URL, issue 15). A jam runs in the process where it was started, in that process's
 * hub (hub.ts); claims.ts keeps one jam a piece across the cluster; a call for a jam that another process runs goes
 * there (bus.ts), with the person the call came from resolved and checked here, by the router, as for a jam of ours.
 * What listeners see needs nothing more: a jam's view is in the piece's document, which reaches every process holding
 * the piece through the piece's stream (collab/relay.ts), as a generation's ghost notes do.
 *
 * Every JAM_TIMES_MS.check this process renews what it holds, takes over the jams whose process died (adopt.ts: their
 * takes wait here for Keep or Discard), and marks the jams whose leader has a socket here, so that the process running
 * a jam knows its leader is still in the piece.
 */
import type { PlayedNote, Take } from "../../lib/jam/take";
import type { JamView } from "../../lib/jam/view";
import type { Log } from "../log";
import type { Collab } from "../services";
import { adoptOrphan } from "./adopt";
import { createJamBus } from "./bus";
import type { JamClaims } from "./claims";
import { createJamHub, JAM_TIMES_MS, type JamHubOptions } from "./hub";
import type { JamHub, JamRef, LiveJam } from "./types";

/** What is asked of a jam, from the process a person is connected to, of the process that runs it. */
type Op =
  | { op: "get" | "stop" | "claim" | "discard" }
  | { op: "play"; notes: PlayedNote[] }
  | { op: "join"; who: { id: string; name: string }; track: string }
  | { op: "playAlong"; who: { id: string }; notes: PlayedNote[] };
type JamCall = { pieceId: string; jamId: string } & Op;

export interface ClusterJamHubOptions extends Omit<JamHubOptions, "lease" | "log" | "collab"> {
  /** What a hub writes, and the piece's document, where a dead process's jam left its view (adopt.ts). */
  collab: JamHubOptions["collab"] & Pick<Collab, "readDoc">;
  log: Log;
  redisUrl: string;
  claims: JamClaims;
  /** How long a call waits for the process running the jam (bus.ts ASK_TIMEOUT_MS). */
  askTimeoutMs?: number;
}

export function createClusterJamHub(opts: ClusterJamHubOptions): JamHub {
  const { redisUrl, claims, askTimeoutMs, ...hubOptions } = opts;
  const { collab, log } = hubOptions;
  const leaderKey = (pieceId: string, userId: string) => `${pieceId}\n${userId}`;
  let leadersElsewhere = new Set<string>(); // this process's jams' leaders with a socket on another process
  const local = createJamHub({
    ...hubOptions,
    lease: claims,
    collab: {
      putJamView: (pieceId, view) => collab.putJamView(pieceId, view),
      removeJamView: (pieceId, jamId) => collab.removeJamView(pieceId, jamId),
      isConnected: (pieceId, userId) => collab.isConnected(pieceId, userId) || leadersElsewhere.has(leaderKey(pieceId, userId)),
    },
  });

  async function serve(call: JamCall): Promise<unknown> {
    const ref: JamRef = { pieceId: call.pieceId, view: { id: call.jamId } };
    switch (call.op) {
      case "get": {
        const jam = await local.get(call.pieceId, call.jamId);
        return jam ? snapshot(jam) : null;
      }
      case "play":
        return local.play(ref, call.notes);
      case "join":
        return local.join(ref, call.who, call.track);
      case "playAlong":
        return local.playAlong(ref, call.who, call.notes);
      case "stop": {
        const jam = await local.get(call.pieceId, call.jamId);
        if (jam) await local.stop(jam);
        return jam ? jam.view : null;
      }
      case "claim":
        return local.claim(ref);
      case "discard":
        return local.discard(ref);
    }
  }
  const bus = createJamBus<JamCall>({ redisUrl, processId: claims.processId, log, answer: serve, timeoutMs: askTimeoutMs });

  /** Other processes' jams as get() returned them, with the process that runs each. */
  const homes = new WeakMap<JamRef, string>();
  const ask = <T>(jam: JamRef, op: Op) => bus.ask<T>(homes.get(jam)!, { ...op, pieceId: jam.pieceId, jamId: jam.view.id });

  async function upkeep() {
    for (const { pieceId, jamId } of await claims.renew()) {
      log.warn("a jam lost its piece to another process's jam (its lease ran out here): stopped", { pieceId, jamId });
      const jam = await local.get(pieceId, jamId);
      if (jam) await local.stop(jam);
    }
    const { orphans, live } = await claims.sweep();
    for (const j of orphans) {
      if (await local.get(j.pieceId, j.jamId)) continue; // ours, whose home lapsed while Redis was out of reach: renewed again
      await adoptOrphan(j, { claims, collab, hub: local, log }).catch((err: unknown) => log.warn("a dead process's jam not taken over", { ...j, error: String(err) }));
    }
    await claims.markLeaders(live.filter((j) => collab.isConnected(j.pieceId, j.leaderId)).map((j) => j.jamId));
    const ours = (await Promise.all(live.map(async (j) => ((await local.get(j.pieceId, j.jamId)) ? j : null)))).filter((j) => j !== null);
    const marked = await claims.leadersMarked(ours.map((j) => j.jamId));
    leadersElsewhere = new Set(ours.filter((j) => marked.has(j.jamId)).map((j) => leaderKey(j.pieceId, j.leaderId)));
  }
  let busy: Promise<void> | null = null;
  const timer = setInterval(() => {
    busy ??= upkeep()
      .catch((err: unknown) => log.warn("jam upkeep failed; tried again shortly", { error: String(err) }))
      .finally(() => (busy = null));
  }, hubOptions.times?.check ?? JAM_TIMES_MS.check);
  timer.unref();

  return {
    async get(pieceId, jamId) {
      const ours = await local.get(pieceId, jamId);
      if (ours) return ours;
      const home = await claims.home(jamId);
      if (home === null || home === claims.processId) return undefined;
      const jam = await bus.ask<LiveJam | null>(home, { op: "get", pieceId, jamId });
      if (jam) homes.set(jam, home);
      return jam ?? undefined;
    },
    async start(start) {
      await bus.ready; // its calls must reach us before anyone may make them
      return local.start(start);
    },
    play: (jam, notes) => (homes.has(jam) ? ask<void>(jam, { op: "play", notes: [...notes] }) : local.play(jam, notes)),
    join: (jam, who, track) => (homes.has(jam) ? ask<void>(jam, { op: "join", who: { id: who.id, name: who.name }, track }) : local.join(jam, who, track)),
    playAlong: (jam, who, notes) => (homes.has(jam) ? ask<void>(jam, { op: "playAlong", who: { id: who.id }, notes: [...notes] }) : local.playAlong(jam, who, notes)),
    async stop(jam) {
      if (!homes.has(jam)) return local.stop(jam);
      const view = await ask<JamView | null>(jam, { op: "stop" });
      if (view) jam.view = view; // as a jam of ours shows it once stopped
    },
    claim: (jam) => (homes.has(jam) ? ask<Take | null>(jam, { op: "claim" }) : local.claim(jam)),
    discard: (jam) => (homes.has(jam) ? ask<void>(jam, { op: "discard" }) : local.discard(jam)),
    async close() {
      clearInterval(timer);
      await busy;
      await local.close(); // every jam of ours stops and is forgotten: its claim and home go at once
      await bus.close();
    },
  };
}

/** A jam as another process sees it: everything but the take, which only Keep asks for (claim). */
const snapshot = ({ pieceId, leader, model, view }: LiveJam): LiveJam => ({ pieceId, leader, model, view, take: null });
