/**
 * When each bar of a jam sounds, and when the server asks the model for its bars (issue 16, "Timing"). Times are
 * milliseconds on the server's clock; take bar 0's downbeat is `startAt` (after the count-in), and take bar k plays
 * the loop's bar k mod `bars`.
 *
 * Every model bar is one request with a deadline, its downbeat:
 * - accompaniment: bar k is asked for at the downbeat of bar k - 1, from what the leader played until then (bar 0
 *   during the count-in, from the piece alone): a whole bar to write it in;
 * - call and response: bars are calls (the leader's) and answers (the model's) of `callBars` each; an answer's first
 *   bar is asked for one beat before the call ends (the call nearly whole), each later bar at the downbeat before it.
 * A bar that is not ready by its downbeat less the players' lookahead stays silent, rather than sounding late.
 */
import { ticksPerBar, TICKS_PER_BEAT, type Meter } from "../time";
import type { JamSettings } from "./settings";

export interface JamClock {
  /** Take bar 0's downbeat, on the server's clock (ms). */
  startAt: number;
  barMs: number;
  beatMs: number;
}

export function jamClock(startAt: number, bpm: number, meter: Meter): JamClock {
  const quarterMs = 60_000 / bpm;
  const beatMs = (quarterMs * 4) / meter.beatUnit;
  return { startAt, beatMs, barMs: (ticksPerBar(meter) / TICKS_PER_BEAT) * quarterMs };
}

export const downbeat = (clock: JamClock, takeBar: number): number => clock.startAt + takeBar * clock.barMs;

/** The take bar sounding at `t` (negative during the count-in). */
export const takeBarAt = (clock: JamClock, t: number): number => Math.floor((t - clock.startAt) / clock.barMs);

/** The piece's bar (from 0) that take bar k plays: the loop, over and over. */
export const pieceBarOf = (s: Pick<JamSettings, "startBar" | "bars">, takeBar: number): number => s.startBar + (((takeBar % s.bars) + s.bars) % s.bars);

/** Whether the model plays take bar k: every bar in accompaniment, the answers in call and response. */
export function modelPlays(s: Pick<JamSettings, "mode" | "callBars">, takeBar: number): boolean {
  if (takeBar < 0) return false;
  return s.mode === "accompaniment" || takeBar % (2 * s.callBars) >= s.callBars;
}

export interface ModelBar {
  takeBar: number;
  pieceBar: number;
  /** When the server asks the model for it; what the leader played before then is its context. */
  askAt: number;
  /** Its downbeat: the bar must be on the wire before it. */
  due: number;
}

/** The model's bar k, or null where the leader plays alone. */
export function modelBar(s: Pick<JamSettings, "mode" | "callBars" | "startBar" | "bars">, clock: JamClock, takeBar: number): ModelBar | null {
  if (!modelPlays(s, takeBar)) return null;
  const due = downbeat(clock, takeBar);
  const answersFirst = s.mode === "call-and-response" && takeBar % (2 * s.callBars) === s.callBars;
  const askAt = answersFirst ? due - clock.beatMs : downbeat(clock, takeBar - 1);
  return { takeBar, pieceBar: pieceBarOf(s, takeBar), askAt, due };
}

/** The model bars to ask for in [from, to) of server time, in the order to ask. */
export function barsToAsk(s: Pick<JamSettings, "mode" | "callBars" | "startBar" | "bars">, clock: JamClock, from: number, to: number): ModelBar[] {
  const out: ModelBar[] = [];
  // A bar is asked for at most one bar before its downbeat (and from the count-in on).
  for (let k = Math.max(0, takeBarAt(clock, from)); downbeat(clock, k - 1) < to; k++) {
    const bar = modelBar(s, clock, k);
    if (bar && bar.askAt >= from && bar.askAt < to) out.push(bar);
  }
  return out;
}

/**
 * Whether a bar that reached a player at `arrivedAt` (the player's estimate of the server clock) still sounds: it
 * must be there `lookaheadMs` before its downbeat, when the player schedules it, or it stays silent.
 */
export const sounds = (arrivedAt: number, due: number, lookaheadMs: number): boolean => arrivedAt <= due - lookaheadMs;

/** The margin between a model bar being ready and its downbeat (ms; negative: late). */
export const margin = (readyAt: number, due: number): number => due - readyAt;
