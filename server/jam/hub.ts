/**
 * The live jams of this process (issue 16): one runner per jam, and its view in the piece's `jams` map kept up to
 * date as the leader plays and the model's bars come in. A piece has one jam playing at a time. A jam stops by itself
 * when nobody (the leader, or someone playing along) has played for JAM_TIMES_MS.idle, or when the leader's sockets on
 * the piece have all gone, and a stopped take
 * nobody keeps is discarded after JAM_TIMES_MS.undecided; close() (the server's shutdown) stops every jam.
 */
import { downbeat, takeBarAt, type JamClock } from "../../lib/jam/plan";
import type { JamSettings } from "../../lib/jam/settings";
import { withPlayed, type PlayedNote, type Take } from "../../lib/jam/take";
import { withBar, type JamView } from "../../lib/jam/view";
import type { Inference } from "../inference/types";
import type { Log } from "../log";
import type { Collab } from "../services";
import { newId } from "../api/ids";
import { createBarLine } from "./bar-line";
import { startJamRunner, type JamPiece, type JamRunner } from "./runner";

export const JAM_TIMES_MS = { idle: 120_000, undecided: 600_000, check: 2_000 };

export interface LiveJam {
  pieceId: string;
  leader: { id: string; name: string };
  /** The model the jam asks (recorded with a kept take). */
  model: { name: string; version: string };
  view: JamView;
  /** The whole take, once stopped (the view holds the last two passes only). */
  take: Take | null;
}

interface Entry extends LiveJam {
  runner: JamRunner | null;
  lastPlayAt: number;
  leaderSeen: boolean;
  published: Promise<void>;
  gone: boolean;
}

export class JamConflictError extends Error {}

export interface JamStart {
  pieceId: string;
  leader: { id: string; name: string };
  settings: JamSettings;
  clock: JamClock;
  piece: JamPiece;
  inference: Inference;
}

export interface JamHub {
  get(pieceId: string, jamId: string): LiveJam | undefined;
  /** Starts a jam, once its view is written; rejects with JamConflictError (naming its leader) while another plays in the piece. */
  start(opts: JamStart): Promise<LiveJam>;
  /** Hands the leader's notes to the runner; resolves once the view shows them. */
  play(jam: LiveJam, notes: readonly PlayedNote[]): Promise<void>;
  /**
   * Someone joins to play along on `track` (not the leader's, nor the model's, nor another's who plays along); again
   * with another track moves them. Throws JamConflictError saying why not.
   */
  join(jam: LiveJam, who: { id: string; name: string }, track: string): Promise<void>;
  /** The notes of someone who joined, on their track; resolves once the view shows them. */
  playAlong(jam: LiveJam, who: { id: string }, notes: readonly PlayedNote[]): Promise<void>;
  /** Stops the runner (again is a no-op); the take waits for Keep or Discard. */
  stop(jam: LiveJam): Promise<void>;
  /** Hands a stopped jam's take to Keep and forgets the jam; null when someone else kept or discarded it first. */
  claim(jam: LiveJam): Take | null;
  /** Forgets the jam and removes its view. */
  discard(jam: LiveJam): Promise<void>;
  close(): Promise<void>;
}

export interface JamHubOptions {
  collab: Pick<Collab, "putJamView" | "removeJamView" | "isConnected">;
  log: Pick<Log, "warn">;
  now?: () => number;
  times?: Partial<typeof JAM_TIMES_MS>;
  /** Bars through the model's line for jams (bar-line.ts), the default; false lets them share the model step by step. */
  barLine?: boolean;
}

export function createJamHub({ collab, log, now = Date.now, times, barLine = true }: JamHubOptions): JamHub {
  const t = { ...JAM_TIMES_MS, ...times };
  const jams = new Map<string, Entry>();
  const line = barLine ? createBarLine({ now }) : undefined; // the server's jams take the model a bar at a time, the earliest downbeat first

  const publish = (e: Entry) => {
    const view = (e.view = trimmed(e.view, now())); // a long jam's view stays two passes long, in memory too
    e.published = e.published
      .then(() => (e.gone ? undefined : collab.putJamView(e.pieceId, view)))
      .catch((err: unknown) => log.warn("jam view not written", { pieceId: e.pieceId, jamId: e.view.id, error: String(err) }));
  };

  const stop = async (e: Entry) => {
    if (!e.runner) return;
    e.take = e.runner.stop();
    e.runner = null;
    e.view = { ...e.view, status: "stopped", endedAt: e.take.endedAt };
    publish(e);
    await e.published;
  };

  const removeView = (pieceId: string, jamId: string) =>
    collab.removeJamView(pieceId, jamId).catch((err: unknown) => log.warn("jam view not removed", { pieceId, jamId, error: String(err) }));

  const discard = async (e: Entry) => {
    e.runner?.stop();
    e.runner = null;
    jams.delete(e.view.id);
    e.gone = true;
    await e.published;
    await removeView(e.pieceId, e.view.id);
  };

  const entry = (jam: LiveJam): Entry | undefined => {
    const e = jams.get(jam.view.id);
    return e && e.pieceId === jam.pieceId ? e : undefined;
  };

  const sweep = setInterval(() => {
    const at = now();
    for (const e of jams.values()) {
      if (e.runner) {
        const connected = collab.isConnected(e.pieceId, e.leader.id);
        e.leaderSeen ||= connected;
        if (at - e.lastPlayAt > t.idle || (e.leaderSeen && !connected)) void stop(e);
      } else if (at - (e.view.endedAt ?? at) > t.undecided) void discard(e);
    }
  }, t.check);
  sweep.unref();

  return {
    get: (pieceId, jamId) => {
      const e = jams.get(jamId);
      return e && e.pieceId === pieceId ? e : undefined;
    },

    async start({ pieceId, leader, settings, clock, piece, inference }) {
      // Checked and registered before any await, so two starts at once cannot both pass.
      const playing = [...jams.values()].find((e) => e.pieceId === pieceId && e.runner !== null);
      if (playing) throw new JamConflictError(`${playing.leader.name} is leading a jam in this piece; join in by listening, or wait for it to stop`);
      const [model] = inference.models();
      if (!model) throw new Error("no model is running to jam with");
      const createdAt = now();
      const view: JamView = { id: newId(), leaderId: leader.id, leaderName: leader.name, settings, clock, status: "playing", played: [], bars: [], missed: [], createdAt };
      const e: Entry = { pieceId, leader, model: { name: model.name, version: model.version }, view, take: null, runner: null, lastPlayAt: createdAt, leaderSeen: false, published: Promise.resolve(), gone: false };
      jams.set(view.id, e);
      e.runner = startJamRunner({
        settings,
        clock,
        piece,
        inference,
        now,
        line,
        onBar: (bar) => {
          e.view = withBar(e.view, { takeBar: bar.takeBar, pieceBar: bar.pieceBar, due: bar.due, readyAt: bar.readyAt, notes: bar.notes });
          publish(e);
        },
        onMissed: (bar, why) => {
          e.view = { ...e.view, missed: [...e.view.missed, { takeBar: bar.takeBar, why }] };
          publish(e);
        },
      });
      publish(e);
      await e.published;
      return e;
    },

    async join(jam, who, track) {
      const e = entry(jam);
      if (!e?.runner) throw new JamConflictError("This jam has stopped; keep or discard the take");
      const s = e.view.settings;
      if (who.id === e.leader.id) throw new JamConflictError("You lead this jam: you play its leader's track");
      if (track === s.playerTrack || s.modelTracks.includes(track)) throw new JamConflictError(`The jam plays track "${track}" already: pick another`);
      const others = (e.view.alongs ?? []).filter((a) => a.userId !== who.id);
      const taken = others.find((a) => a.track === track);
      if (taken) throw new JamConflictError(`${taken.name} plays along on that track: pick another`);
      const mine = e.view.alongs?.find((a) => a.userId === who.id);
      e.view = { ...e.view, alongs: [...others, { userId: who.id, name: who.name, track, played: mine?.track === track ? mine.played : [] }] };
      publish(e);
      await e.published;
    },

    async playAlong(jam, who, notes) {
      const e = entry(jam);
      const along = e?.view.alongs?.find((a) => a.userId === who.id);
      if (!e?.runner || !along) return;
      for (const n of notes) e.runner.playAlong({ userId: along.userId, name: along.name, track: along.track }, n);
      e.lastPlayAt = now(); // someone playing along plays the jam too: it is not idle
      const alongs = e.view.alongs!.map((a) => (a === along ? { ...a, played: withPlayed(a.played, notes) } : a));
      e.view = { ...e.view, alongs };
      publish(e);
      await e.published;
    },

    async play(jam, notes) {
      const e = entry(jam);
      if (!e?.runner) return;
      for (const n of notes) e.runner.play(n);
      e.lastPlayAt = now();
      e.view = { ...e.view, played: withPlayed(e.view.played, notes) }; // a held note's release takes its place
      publish(e);
      await e.published;
    },

    stop: async (jam) => {
      const e = entry(jam);
      if (e) await stop(e);
    },

    claim(jam) {
      const e = entry(jam);
      if (!e || e.runner || !e.take) return null;
      jams.delete(e.view.id);
      return e.take;
    },

    discard: async (jam) => {
      const e = entry(jam);
      if (e) await discard(e);
      else await removeView(jam.pieceId, jam.view.id); // claimed by Keep: only its view is left
    },

    async close() {
      clearInterval(sweep);
      await Promise.all([...jams.values()].map((e) => discard(e)));
    },
  };
}

/** The view as it goes out: the leader's notes and the model's bars of the last two passes over the loop only. */
export function trimmed(view: JamView, at: number): JamView {
  const pass = Math.floor(Math.max(0, takeBarAt(view.clock, at)) / view.settings.bars);
  const fromBar = Math.max(0, (pass - 1) * view.settings.bars);
  const from = downbeat(view.clock, fromBar) - view.clock.beatMs; // a note a hair early belongs to the pass
  return {
    ...view,
    played: fromBar === 0 ? view.played : view.played.filter((n) => n.at >= from),
    alongs: fromBar === 0 ? view.alongs : view.alongs?.map((a) => ({ ...a, played: a.played.filter((n) => n.at >= from) })),
    bars: view.bars.filter((b) => b.takeBar >= fromBar),
    missed: view.missed.filter((b) => b.takeBar >= fromBar),
  };
}
