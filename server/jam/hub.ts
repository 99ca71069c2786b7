/**
 * The live jams of this process (issue 16): one runner per jam, and its view in the piece's `jams` map kept up to
 * date as the leader plays and the model's bars come in. A piece has one jam playing at a time (across app processes,
 * with a lease: cluster-hub.ts). A jam stops by itself when nobody (the leader, or someone playing along) has played
 * for JAM_TIMES_MS.idle, or when the leader's sockets on the piece have all gone, and a stopped take nobody keeps is
 * discarded after JAM_TIMES_MS.undecided; close() (the server's shutdown) stops every jam.
 */
import { withPlayed, type Take } from "../../lib/jam/take";
import { withBar, type JamView } from "../../lib/jam/view";
import type { Log } from "../log";
import type { Collab } from "../services";
import { newId } from "../api/ids";
import { createBarLine } from "./bar-line";
import { startJamRunner, type JamRunner } from "./runner";
import { trimmed } from "./trim";
import { JamConflictError, type JamHub, type JamLease, type JamRef, type LiveJam } from "./types";

export const JAM_TIMES_MS = { idle: 120_000, undecided: 600_000, check: 2_000 };

interface Entry extends LiveJam {
  runner: JamRunner | null;
  lastPlayAt: number;
  leaderSeen: boolean;
  published: Promise<void>;
  gone: boolean;
}

export interface JamHubOptions {
  collab: Pick<Collab, "putJamView" | "removeJamView" | "isConnected">;
  log: Pick<Log, "warn">;
  now?: () => number;
  times?: Partial<typeof JAM_TIMES_MS>;
  /** Bars through the model's line for jams (bar-line.ts), the default; false lets them share the model step by step. */
  barLine?: boolean;
  /** With other app processes: the piece's jam claimed across them (claims.ts). */
  lease?: JamLease;
}

/** The hub of this process: its own jams, and those it took over from a process that died (adopt.ts). */
export interface LocalJamHub extends JamHub {
  /** A stopped jam whose take waits here for Keep or Discard from now on, as one of ours would; its view is written. */
  adopt(jam: LiveJam & { take: Take }): Promise<void>;
}

export function createJamHub({ collab, log, now = Date.now, times, barLine = true, lease }: JamHubOptions): LocalJamHub {
  const t = { ...JAM_TIMES_MS, ...times };
  const jams = new Map<string, Entry>();
  const starting = new Map<string, string>(); // piece -> leader's name, while a start waits for its lease
  const line = barLine ? createBarLine({ now }) : undefined; // the server's jams take the model a bar at a time, the earliest downbeat first

  const publish = (e: Entry) => {
    const at = now();
    // A long jam's view stays two passes long, in memory too; a stopped one's, the two it ended in.
    const view = (e.view = { ...trimmed(e.view, e.view.endedAt ?? at), writtenAt: at });
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
    await Promise.all([e.published, lease?.free(e.pieceId, e.view.id).catch(leaseFailed("freed", e))]);
  };

  const leaseFailed = (what: string, jam: JamRef) => (err: unknown) =>
    log.warn(`jam lease not ${what} (it lapses)`, { pieceId: jam.pieceId, jamId: jam.view.id, error: String(err) });
  const forget = (jam: JamRef) => lease?.forget(jam.pieceId, jam.view.id).catch(leaseFailed("given up", jam));

  const removeView = (pieceId: string, jamId: string) =>
    collab.removeJamView(pieceId, jamId).catch((err: unknown) => log.warn("jam view not removed", { pieceId, jamId, error: String(err) }));

  const discard = async (e: Entry) => {
    e.runner?.stop();
    e.runner = null;
    jams.delete(e.view.id);
    e.gone = true;
    await Promise.all([e.published, forget(e)]);
    await removeView(e.pieceId, e.view.id);
  };

  const entry = (jam: JamRef): Entry | undefined => {
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
    get: async (pieceId, jamId) => entry({ pieceId, view: { id: jamId } }),

    async start({ pieceId, leader, settings, clock, piece, inference }) {
      // Checked and marked before any await, so two starts at once cannot both pass.
      const playing = [...jams.values()].find((e) => e.pieceId === pieceId && e.runner !== null)?.leader.name ?? starting.get(pieceId);
      if (playing !== undefined) throw conflict(playing);
      const [model] = inference.models();
      if (!model) throw new Error("no model is running to jam with");
      const id = newId();
      if (lease) {
        starting.set(pieceId, leader.name);
        try {
          const holder = await lease.take(pieceId, { id, leaderId: leader.id, leaderName: leader.name });
          if (holder !== null) throw conflict(holder); // a jam another process runs
        } finally {
          starting.delete(pieceId);
        }
      }
      const createdAt = now();
      const asked = { name: model.name, version: model.version };
      const view: JamView = { id, leaderId: leader.id, leaderName: leader.name, settings, clock, status: "playing", played: [], bars: [], missed: [], createdAt, model: asked };
      const e: Entry = { pieceId, leader, model: asked, view, take: null, runner: null, lastPlayAt: createdAt, leaderSeen: false, published: Promise.resolve(), gone: false };
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

    async claim(jam) {
      const e = entry(jam);
      if (!e || e.runner || !e.take) return null;
      jams.delete(e.view.id);
      await forget(e);
      return e.take;
    },

    discard: async (jam) => {
      const e = entry(jam);
      if (e) await discard(e);
      else await removeView(jam.pieceId, jam.view.id); // claimed by Keep: only its view is left
    },

    async adopt(jam) {
      const e: Entry = { ...jam, runner: null, lastPlayAt: now(), leaderSeen: false, published: Promise.resolve(), gone: false };
      jams.set(e.view.id, e);
      publish(e);
      await e.published;
    },

    async close() {
      clearInterval(sweep);
      await Promise.all([...jams.values()].map((e) => discard(e)));
    },
  };
}

const conflict = (leader: string) => new JamConflictError(`${leader} is leading a jam in this piece; join in by listening, or wait for it to stop`);
