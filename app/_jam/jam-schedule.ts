/**
 * What a player's speakers play of a live jam, and when: pure, over the JamView the server writes (lib/jam/view.ts).
 * Times are on the server's clock (ms); audioTime maps them onto the AudioContext's (jam-player.ts schedules them).
 *
 * The leader hears the jam live: the count-in and the metronome, and each model bar on its downbeat, if it came a
 * lookahead before it (lib/jam/plan.ts `sounds`: a bar that came later stays silent, never played late); the leader's
 * own notes sound at once where they are played, not from here. Everyone else hears the jam `listenDelayMs` behind:
 * the leader's notes reach the server a beat at a time, so a listener hears them, and the model's bars, a whole bar
 * later, on the beat with each other. What the leader could not hear, nobody hears.
 */
import { trackVolume, type Instrument, type Track } from "@/lib/doc-schema";
import { sounds } from "@/lib/jam/plan";
import { COUNT_IN_BARS, type JamView } from "@/lib/jam/view";
import { ticksPerBar, type Meter } from "@/lib/time";
import { instrumentOf } from "@/app/_playback/schedule";

/** How far ahead sounds are handed to the audio (ms): a model bar must be here this long before its downbeat. */
export const JAM_LOOKAHEAD_MS = 150;
/** Room for the network on top of the leader's beat-long batches, before a listener hears the leader's notes. */
const LISTEN_SLACK_MS = 500;

/** `held`: the leader's key was still down when the note was sent; it ends when heldNoteEnd says. */
export type JamNoteSound = { kind: "note"; at: number; ms: number; pitch: number; velocity: number; instrument: Instrument; track: string; held?: true };
export type JamSound = JamNoteSound | { kind: "click"; at: number; accent: boolean };

export interface JamEar {
  /** The leader hears the jam live, everyone else `listenDelayMs` behind. */
  leader: boolean;
  /** Who listens: one playing along hears their own notes from their keys, not from the jam. */
  userId?: string;
  metronome: boolean;
  /** When each model bar reached this player (server clock), by take bar; a bar not listed came with its readyAt. */
  arrivals: ReadonlyMap<number, number>;
  lookaheadMs?: number;
}

/** How far behind the leader a listener hears the jam: whole bars, at least a beat and the network's time. */
export const listenDelayMs = (clock: JamView["clock"]): number => Math.ceil((clock.beatMs + LISTEN_SLACK_MS) / clock.barMs) * clock.barMs;

export const delayOf = (view: Pick<JamView, "clock">, ear: Pick<JamEar, "leader">): number => (ear.leader ? 0 : listenDelayMs(view.clock));

/** The sounds heard in [from, to) (server clock), in time order. */
export function jamSounds(view: JamView, meter: Meter, tracks: ReadonlyMap<string, Track>, from: number, to: number, ear: JamEar): JamSound[] {
  const { clock, settings } = view;
  const delay = delayOf(view, ear);
  const lookahead = ear.lookaheadMs ?? JAM_LOOKAHEAD_MS;
  const ended = (at: number) => view.endedAt !== undefined && at - delay >= view.endedAt;
  const inWindow = (at: number) => at >= from && at < to && !ended(at);
  const out: JamSound[] = [];

  // The count-in for the leader (it is theirs to come in on), then the metronome for whoever has it on.
  const beatsPerBar = Math.round(clock.barMs / clock.beatMs);
  const first = -COUNT_IN_BARS * beatsPerBar;
  const last = ear.metronome ? Infinity : ear.leader ? 0 : first;
  for (let i = Math.max(first, Math.ceil((from - delay - clock.startAt) / clock.beatMs)); i < last; i++) {
    const at = clock.startAt + i * clock.beatMs + delay;
    if (at >= to) break;
    if (inWindow(at)) out.push({ kind: "click", at, accent: (i - first) % beatsPerBar === 0 });
  }

  const msOf = (ticks: number) => (ticks * clock.barMs) / ticksPerBar(meter);
  const note = (track: string, pitch: number, velocity: number, at: number, ms: number): JamNoteSound => {
    const t = tracks.get(track);
    return { kind: "note", at, ms, pitch, velocity: (velocity / 127) * trackVolume(t), instrument: instrumentOf(t), track };
  };
  const missed = new Set(view.missed.map((m) => m.takeBar));
  for (const bar of view.bars) {
    if (missed.has(bar.takeBar)) continue;
    if (!sounds(ear.arrivals.get(bar.takeBar) ?? bar.readyAt, bar.due + delay, lookahead)) continue;
    if (!ear.leader && !sounds(bar.readyAt, bar.due, lookahead)) continue;
    for (const n of bar.notes) {
      const at = bar.due + msOf(n.start) + delay;
      if (inWindow(at)) out.push(note(n.track, n.pitch, n.velocity, at, msOf(n.duration)));
    }
  }
  if (!ear.leader) {
    // The leader's notes, and those of everyone playing along but this listener. The leader, live ahead of them, hears none.
    const parts = [{ track: settings.playerTrack, played: view.played }, ...(view.alongs ?? []).filter((a) => a.userId !== ear.userId)];
    for (const { track, played } of parts) {
      for (const p of played) {
        if (!inWindow(p.at + delay)) continue;
        const sound = note(track, p.pitch, p.velocity, p.at + delay, p.ms);
        out.push(p.held ? { ...sound, held: true } : sound);
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * When a held note heard at `sound.at` ends for this ear (server clock), or null while its player still holds it: its
 * release came (the note sent whole), the take ended, or the view no longer has it (the time is then now's).
 */
export function heldNoteEnd(view: JamView, ear: Pick<JamEar, "leader">, sound: Pick<JamNoteSound, "at" | "pitch" | "track">, now: number): number | null {
  const delay = delayOf(view, ear);
  const played = sound.track === view.settings.playerTrack ? view.played : (view.alongs?.find((a) => a.track === sound.track)?.played ?? []);
  const p = played.find((n) => n.at + delay === sound.at && n.pitch === sound.pitch);
  if (p === undefined) return now;
  if (!p.held) return p.at + p.ms + delay;
  return view.endedAt !== undefined ? view.endedAt + delay : null;
}

/**
 * The next span to schedule (server clock), from where the last ended to a lookahead past now; what fell due while
 * the page slept (a background tab's timers) is behind now and is left out, as a late bar is. Null: nothing new.
 */
export function nextWindow(lastTo: number | null, now: number, lookaheadMs = JAM_LOOKAHEAD_MS): { from: number; to: number } | null {
  const from = Math.max(lastTo ?? now, now);
  const to = now + lookaheadMs;
  return to > from ? { from, to } : null;
}

/** A server time on the AudioContext's clock (s), from a moment read on both. */
export const audioTime = (at: number, anchor: { server: number; audio: number }): number => anchor.audio + (at - anchor.server) / 1000;
