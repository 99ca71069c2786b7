/**
 * When each bar of a jam sounds, and when the server asks the model for its bars (issue 16, "Timing"). Times are
 * milliseconds on the server's clock; take bar 0's downbeat is `startAt` (after the count-in), and take bar k plays
 * the loop's bar k mod `bars`.
 *
 * Every model bar is one request with a deadline, its downbeat:
 * - accompaniment: bar k is asked for at the downbeat of bar k - 1, from what the leader played until then (bar 0
 *   during the count-in, from the piece alone): a whole bar to write it in;
 * - call and response: bars are calls (the leader's) and answers (the model's) of `callBars` each. An answer's first
 *   bar is asked for on the beat `answerLeadBeats` before the call ends, from the call played so far; each later bar
 *   at the downbeat before it, by when the whole call is in (and the answer's bars before it). Asked more than a beat
 *   early, the answer's first bar is asked again on the call's last beat; that answer, hearing more of the call, takes
 *   the first one's place if the model finishes it in time.
 * A bar that is not ready by its downbeat less the players' lookahead stays silent, rather than sounding late.
 *
 * Why the answer's first bar is asked early: the model needs time, counted in ms, and the leader wants to be heard,
 * counted in beats. Asked one beat before the call ends (until 2026-12-05) it had 500 ms at 120 bpm, less the send
 * margin: enough for one jam, but four jams' first bars asked at the same beat wait for the one model in turn
 * (server/jam/bar-line.ts), and bench:jam had 62.5% of bars ready 250 ms early at 4 jams and 120 bpm. Four
 * accompaniment bars asked at once were at the listener 697 ms after the ask at p95 (margin p5 1,303 of 2,000 ms, at
 * load average 3-4 on the 2-core host); with the 250 ms to spare, 1 s. At 1 s (2 beats at 120 bpm) a quiet host still had
 * only 75% of the answers' first bars ready 250 ms early at 4 jams and 120 bpm with model 2 (bench:jam, 23:55 UTC), so
 * the lead is 1.5 s: 3 beats at 120 bpm, 4 at 140, 2 at 60. The second ask on the call's last beat (refineAt) gives
 * the music back what the earlier ask takes, whenever the model has the time.
 * What a musician hears: the answer's first bar takes up the call's opening (its motif, register and rhythm: 5 of 8
 * beats of a 2-bar call at 120 bpm, 7 when the second ask makes it in time), with the unheard beats as rests; the
 * later answer bars hear the whole call, its cadence included, so the answer still finishes on what the call ended
 * with. Never more than half the call, so the answer's opening hears at least as much
 * call as rest (a 1-bar call at 140 bpm gets 2 beats, not 3), nor more than a bar (no bar is asked earlier than
 * accompaniment's).
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
  /**
   * An answer's first bar, asked more than a beat early: when the server asks again, on the call's last beat, with
   * more of the call. That answer takes the first one's place if it is ready in time, and waits for the model only
   * while no other bar does (server/jam/bar-line.ts: a spare turn).
   */
  refineAt?: number;
}

/** How long before the call ends the model needs to have its answer's first bar 250 ms early at 4 jams (see above). */
export const ANSWER_LEAD_MS = 1_500;

/** The beats before the call's end at which an answer's first bar is asked: ANSWER_LEAD_MS, within half the call and a bar. */
export function answerLeadBeats(s: Pick<JamSettings, "callBars">, clock: JamClock): number {
  const beatsPerBar = Math.round(clock.barMs / clock.beatMs);
  const wanted = Math.ceil(ANSWER_LEAD_MS / clock.beatMs - 1e-9); // float slack: 1,500 ms at 500 ms a beat is 3 beats, not 4
  return Math.max(1, Math.min(wanted, beatsPerBar, Math.floor((s.callBars * beatsPerBar) / 2)));
}

/** Whether take bar k is an answer's first bar in call and response: the one asked for before the call ends. */
export const opensAnswer = (s: Pick<JamSettings, "mode" | "callBars">, takeBar: number): boolean =>
  s.mode === "call-and-response" && takeBar >= 0 && takeBar % (2 * s.callBars) === s.callBars;

/** The model's bar k, or null where the leader plays alone. */
export function modelBar(s: Pick<JamSettings, "mode" | "callBars" | "startBar" | "bars">, clock: JamClock, takeBar: number): ModelBar | null {
  if (!modelPlays(s, takeBar)) return null;
  const due = downbeat(clock, takeBar);
  const bar = { takeBar, pieceBar: pieceBarOf(s, takeBar), askAt: downbeat(clock, takeBar - 1), due };
  if (!opensAnswer(s, takeBar)) return bar;
  const lead = answerLeadBeats(s, clock);
  bar.askAt = due - lead * clock.beatMs;
  return lead > 1 ? { ...bar, refineAt: due - clock.beatMs } : bar;
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
