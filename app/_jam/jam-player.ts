/**
 * Plays a live jam on this player's speakers: every few milliseconds, the sounds of the next span (jam-schedule.ts)
 * go to the voices at their AudioContext times. Only a lookahead's worth is ever handed over, so Stop is heard at once
 * and a bar that comes late is never caught up. No Tone here: the voices come from the player (app/_playback).
 */
import type { Click, PlayEvent } from "@/app/_playback/schedule";
import { audioTime, nextWindow, JAM_LOOKAHEAD_MS, type JamNoteSound, type JamSound } from "./jam-schedule";

/** Sounds at AudioContext times (seconds), outside the transport. */
export interface JamVoices {
  /** The AudioContext's time now. */
  now(): number;
  trigger(e: Pick<PlayEvent, "pitch" | "velocity" | "duration" | "instrument">, time: number): void;
  /** A note whose end is not known yet: it sounds from `time` until its release. */
  hold(e: Pick<PlayEvent, "pitch" | "velocity" | "instrument">, time: number): void;
  release(e: Pick<PlayEvent, "pitch" | "instrument">, time: number): void;
  click(c: Click, time: number): void;
}

const TICK_MS = 25;

export interface JamPlayerOptions {
  voices: JamVoices;
  /** The server's time now (use-server-clock.ts). */
  serverNow(): number;
  /** The sounds in [from, to) of server time (jamSounds over the latest view). */
  sounds(from: number, to: number): JamSound[];
  /** When a held note ends (server time; heldNoteEnd over the latest view), or null while it is still held. */
  heldEnd(s: JamNoteSound): number | null;
}

/** Starts playing; the function returned stops it. */
export function startJamPlayer({ voices, serverNow, sounds, heldEnd }: JamPlayerOptions): () => void {
  let lastTo: number | null = null;
  const holding = new Set<JamNoteSound>(); // started, their release not yet heard
  const tick = () => {
    const anchor = { server: serverNow(), audio: voices.now() };
    for (const s of holding) {
      const end = heldEnd(s);
      if (end === null) continue;
      holding.delete(s);
      voices.release(s, Math.max(audioTime(end, anchor), anchor.audio));
    }
    const span = nextWindow(lastTo, anchor.server, JAM_LOOKAHEAD_MS);
    if (!span) return;
    lastTo = span.to;
    for (const s of sounds(span.from, span.to)) {
      const time = audioTime(s.at, anchor);
      if (s.kind === "click") voices.click({ time, accent: s.accent }, time);
      else if (s.held) {
        voices.hold(s, time);
        holding.add(s);
      } else voices.trigger({ pitch: s.pitch, velocity: s.velocity, duration: s.ms / 1000, instrument: s.instrument }, time);
    }
  };
  tick();
  const timer = setInterval(tick, TICK_MS);
  return () => {
    clearInterval(timer);
    const now = voices.now();
    for (const s of holding) voices.release(s, now);
  };
}
