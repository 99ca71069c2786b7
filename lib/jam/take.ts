/**
 * A jam's take, kept as a whole (issue 16, "Shared"): what the leader played (times on the server's clock) and
 * the model's bars. Keep writes one pass over the loop into the piece: the last whole pass (or, for a take shorter
 * than the loop, what there is), the leader's notes on the leader's track quantised to the take's grid, and the
 * model's bars on its tracks, replacing what the loop's bars held on those tracks. Discard writes nothing.
 */
import { MAX_TICK, type Note } from "../doc-schema";
import { tickOfBar, type Meter } from "../time";
import { downbeat, takeBarAt, type JamClock } from "./plan";
import type { JamSettings } from "./settings";

/**
 * A note the leader played: pressed at `at`, held `ms` (server clock). `held`: the key was still down when it was
 * sent (a note held over a beat is sent then, so that listeners a bar behind can start it in time); `ms` is how long so
 * far, and the note sent on its release, with the same `at` and `pitch`, takes its place.
 */
export interface PlayedNote {
  pitch: number;
  velocity: number;
  at: number;
  ms: number;
  held?: true;
}

/** `played` with `notes` added: each replaces a note of the same press (`at` and `pitch`) in its place, else joins the end. */
export function withPlayed(played: readonly PlayedNote[], notes: readonly PlayedNote[]): PlayedNote[] {
  const out = [...played];
  for (const n of notes) {
    const i = out.findIndex((p) => p.at === n.at && p.pitch === n.pitch);
    if (i === -1) out.push(n);
    else out[i] = n;
  }
  return out;
}

/** A model bar as written: notes in ticks from the bar's downbeat, on the model's tracks. */
export interface ModelBarNotes {
  takeBar: number;
  notes: Note[];
}

/**
 * Someone who plays along on a track of their own while another leads (issue 16, "Shared"). They hear the jam a bar or
 * two behind the leader (as every listener does), so their notes are timed in the jam's time: when they pressed a key,
 * less that delay. Everyone else hears them with the jam; the leader, live ahead of them, cannot.
 */
export interface Along {
  userId: string;
  name: string;
  track: string;
  played: PlayedNote[];
}

export interface Take {
  settings: JamSettings;
  clock: JamClock;
  played: PlayedNote[];
  /** Those who played along, each on their own track. */
  alongs?: Along[];
  modelBars: ModelBarNotes[];
  /** When the leader stopped (server clock). */
  endedAt: number;
}

export interface KeptTake {
  /** The loop's span in ticks, on the jam's tracks: what Keep replaces. */
  replace: { startTick: number; endTick: number; tracks: string[] };
  /** The leader's notes, to credit to the leader. */
  player: Note[];
  /** The notes of each one who played along in the kept pass, on their track, to credit to them. */
  alongs: { userId: string; name: string; track: string; notes: Note[] }[];
  /** The model's notes, to credit to the model ("jam", answering the leader). */
  model: Note[];
  /** Which pass over the loop was kept (from 0). */
  pass: number;
}

const snap = (ticks: number, grid: number) => (grid === 0 ? Math.round(ticks) : Math.round(ticks / grid) * grid);

/** The pass Keep writes: the last whole one, or the only (partial) one. */
export function keptPass(take: Take): number {
  const barsDone = Math.max(0, takeBarAt(take.clock, take.endedAt)); // the bar sounding at the end is not done
  const whole = Math.floor(barsDone / take.settings.bars);
  return whole === 0 ? 0 : whole - 1;
}

export function keepTake(take: Take, meter: Meter): KeptTake {
  const { settings: s, clock } = take;
  const pass = keptPass(take);
  const firstBar = pass * s.bars;
  const loopStart = tickOfBar(s.startBar, meter);
  const loopEnd = tickOfBar(s.startBar + s.bars, meter);
  const msPerTick = clock.barMs / tickOfBar(1, meter);
  const passStart = downbeat(clock, firstBar);
  const passEnd = downbeat(clock, firstBar + s.bars);

  // A person's notes in the kept pass, on their track, quantised to the take's grid.
  const inPass = (played: readonly PlayedNote[], track: string): Note[] => {
    const notes: Note[] = [];
    for (const p of played) {
      if (p.at < passStart - s.grid * msPerTick * 0.5 || p.at >= passEnd) continue; // a note a hair early belongs to the pass
      const start = Math.min(Math.max(loopStart + snap((p.at - passStart) / msPerTick, s.grid), loopStart), loopEnd - 1);
      const duration = Math.max(s.grid || 1, snap(p.ms / msPerTick, s.grid));
      notes.push({ track, pitch: p.pitch, velocity: p.velocity, start, duration: Math.min(duration, loopEnd - start, MAX_TICK) });
    }
    return notes;
  };
  const player = inPass(take.played, s.playerTrack);
  const alongs = (take.alongs ?? []).map((a) => ({ userId: a.userId, name: a.name, track: a.track, notes: inPass(a.played, a.track) })).filter((a) => a.notes.length > 0);
  const model: Note[] = [];
  for (const bar of take.modelBars) {
    if (bar.takeBar < firstBar || bar.takeBar >= firstBar + s.bars) continue;
    const barStart = tickOfBar(s.startBar + (bar.takeBar - firstBar), meter);
    for (const n of bar.notes) {
      if (!s.modelTracks.includes(n.track)) continue; // the model plays its own tracks only
      const start = barStart + n.start;
      if (start >= loopEnd) continue;
      model.push({ ...n, start, duration: Math.min(n.duration, loopEnd - start) });
    }
  }
  // The loop's bars on a track someone played along on are replaced too, if they played in the kept pass.
  const tracks = [s.playerTrack, ...s.modelTracks, ...alongs.map((a) => a.track)];
  return { replace: { startTick: loopStart, endTick: loopEnd, tracks }, player, alongs, model, pass };
}
