/**
 * Where a live jam is, as the panel shows it to everyone in the piece: counting in, the bar sounding now (for the
 * listener, the one they hear), the pass over the loop, and for each of its bars who plays it and, for the model's,
 * whether it came in time. Also the take so far as the roll's ghost notes. Pure, over the JamView.
 */
import type { NoteWithId } from "@/lib/doc-schema";
import { jamContext } from "@/lib/jam/context";
import { modelPlays, pieceBarOf, takeBarAt } from "@/lib/jam/plan";
import type { JamView } from "@/lib/jam/view";
import type { Meter } from "@/lib/time";

export type JamBarState = "you" | "leader" | "waiting" | "ready" | "late" | "failed";

export interface JamBarCell {
  takeBar: number;
  pieceBar: number;
  state: JamBarState;
  now: boolean;
}

export interface JamProgress {
  phase: "count-in" | "playing" | "stopped";
  /** Beats of count-in still to come (counting in only). */
  beatsLeft: number;
  takeBar: number;
  /** The pass over the loop (from 0). */
  pass: number;
  /** The pass's bars, in order. */
  cells: JamBarCell[];
  /** Model bars left silent so far in the take (the view's record). */
  missed: number;
}

/** Where the jam is at `now` (server clock; a listener passes the time they hear, now less their delay). */
export function jamProgress(view: JamView, now: number, leading: boolean): JamProgress {
  const { settings: s, clock } = view;
  const at = view.endedAt === undefined ? now : Math.min(now, view.endedAt - 1);
  const takeBar = takeBarAt(clock, at);
  const pass = Math.floor(Math.max(0, takeBar) / s.bars);
  const ready = new Set(view.bars.map((b) => b.takeBar));
  const missed = new Map(view.missed.map((m) => [m.takeBar, m.why]));
  const cells = Array.from({ length: s.bars }, (_, i): JamBarCell => {
    const k = pass * s.bars + i;
    const state: JamBarState = !modelPlays(s, k) ? (leading ? "you" : "leader") : (missed.get(k) ?? (ready.has(k) ? "ready" : "waiting"));
    return { takeBar: k, pieceBar: pieceBarOf(s, k), state, now: k === takeBar };
  });
  const phase = view.status === "stopped" ? "stopped" : takeBar < 0 ? "count-in" : "playing";
  const beatsLeft = phase === "count-in" ? Math.ceil((clock.startAt - at) / clock.beatMs) : 0;
  return { phase, beatsLeft, takeBar, pass, cells, missed: view.missed.length };
}

/**
 * The take as ghost notes on the piece's bars: for each loop bar, the latest pass to reach it in the view (the
 * leader's notes on the take's grid, the model's bar), so the model's next bar shows as soon as it is in.
 */
export function jamGhostNotes(view: JamView, meter: Meter): NoteWithId[] {
  const latest = Math.max(view.clock.startAt, ...view.bars.map((b) => b.due), ...view.played.map((p) => p.at));
  return jamContext([], view.settings, view.clock, meter, { played: view.played, modelBars: view.bars }, (view.endedAt ?? latest) + 1);
}

/** The jam on show (oldest first in `jams`): the one playing, else the newest take waiting for Keep or Discard. */
export const jamOnShow = (jams: readonly JamView[]): JamView | null => jams.find((j) => j.status === "playing") ?? jams.at(-1) ?? null;
