/**
 * One live jam on the server (issue 16): asks the model for each of its bars when lib/jam/plan.ts says, from the
 * piece and the take so far (lib/jam/context.ts), and hands each bar on while it can still sound; a bar the model
 * does not finish in time is reported missed and stays silent, and the jam goes on. The leader's notes come in
 * with play(). stop() ends the jam and returns the take, for Keep or Discard.
 */
import { GENERATION_DEFAULTS } from "../../lib/generation";
import type { Note, NoteWithId, PieceMeta, Track } from "../../lib/doc-schema";
import { jamContext } from "../../lib/jam/context";
import { modelBar, type JamClock, type ModelBar } from "../../lib/jam/plan";
import type { JamSettings } from "../../lib/jam/settings";
import { withPlayed, type ModelBarNotes, type PlayedNote, type Take } from "../../lib/jam/take";
import { tickOfBar } from "../../lib/time";
import type { Inference } from "../inference/types";
import type { BarLine } from "./bar-line";

/** A bar must be ready this long before its downbeat to go out: the wire and the players' lookahead need it. */
export const SEND_MARGIN_MS = 150;
/** How far ahead of now the runner looks for bars to ask for. */
const LOOK_BARS = 64;

export interface JamPiece {
  notes: NoteWithId[];
  tracks: (Track & { id: string })[];
  meta: PieceMeta;
}

export interface ReadyBar extends ModelBar {
  notes: Note[]; // ticks from the bar's downbeat, on the model's tracks
  readyAt: number;
}

export interface JamRunnerOptions {
  settings: JamSettings;
  clock: JamClock;
  piece: JamPiece;
  inference: Inference;
  /** The server's clock (ms). */
  now?: () => number;
  sendMarginMs?: number;
  /** The model's line shared by the server's jams (bar-line.ts): one bar at a time, the earliest downbeat first. */
  line?: BarLine;
  onBar(bar: ReadyBar): void;
  onMissed(bar: ModelBar, why: "late" | "failed"): void;
}

export interface JamRunner {
  play(note: PlayedNote): void;
  stop(): Take;
}

export function startJamRunner(opts: JamRunnerOptions): JamRunner {
  const { settings: s, clock, piece, inference } = opts;
  const now = opts.now ?? Date.now;
  const margin = opts.sendMarginMs ?? SEND_MARGIN_MS;
  const meter = piece.meta;
  let played: PlayedNote[] = [];
  const modelBars: ModelBarNotes[] = [];
  const abort = new AbortController();
  let next = 0; // the next take bar to consider
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function write(bar: ModelBar) {
    const done = opts.line ? await opts.line.turn(bar.due - margin, abort.signal) : () => {};
    if (stopped) return done?.();
    if (!done) return opts.onMissed(bar, "late");
    try {
      await writeNow(bar);
    } finally {
      done();
    }
  }

  async function writeNow(bar: ModelBar) {
    const askedAt = now();
    const budget = bar.due - margin - askedAt;
    if (budget <= 0) return opts.onMissed(bar, "late");
    const notes = jamContext(piece.notes, s, clock, meter, { played, modelBars }, askedAt);
    const region = { startBar: bar.pieceBar, endBar: bar.pieceBar + 1, pitchLo: 0, pitchHi: 127, trackIds: s.modelTracks };
    const late = new AbortController();
    const deadline = setTimeout(() => late.abort(), budget); // missed at its deadline, whatever the model does then
    const onStop = () => late.abort();
    abort.signal.addEventListener("abort", onStop, { once: true });
    const generated = inference.generate({
      ...GENERATION_DEFAULTS,
      candidates: 1,
      seed: (bar.takeBar * 7919 + 1) >>> 0,
      controls: s.controls,
      mode: "infill",
      notes,
      tracks: piece.tracks,
      meta: piece.meta,
      region,
      timeoutMs: budget,
      signal: late.signal,
    });
    const outcome = await Promise.race([
      generated.then((r) => ({ ok: true as const, notes: r.candidates[0] }), () => ({ ok: false as const })),
      new Promise<null>((r) => late.signal.addEventListener("abort", () => r(null), { once: true })),
    ]);
    clearTimeout(deadline);
    abort.signal.removeEventListener("abort", onStop);
    generated.catch(() => undefined);
    if (stopped) return;
    if (outcome === null || (outcome.ok && now() > bar.due - margin)) return opts.onMissed(bar, "late");
    if (!outcome.ok) return opts.onMissed(bar, "failed");
    const barStart = tickOfBar(bar.pieceBar, meter);
    const written = outcome.notes.map((n) => ({ ...n, start: n.start - barStart }));
    modelBars.push({ takeBar: bar.takeBar, notes: written });
    opts.onBar({ ...bar, notes: written, readyAt: now() });
  }

  /** Asks for every model bar whose time has come, then sleeps until the next one's. */
  function schedule() {
    if (stopped) return;
    const t = now();
    for (let k = next; k < next + LOOK_BARS; k++) {
      const bar = modelBar(s, clock, k);
      if (!bar) continue;
      if (bar.askAt > t) {
        next = k;
        timer = setTimeout(schedule, bar.askAt - t);
        return;
      }
      void write(bar);
    }
    next += LOOK_BARS;
    timer = setTimeout(schedule, 0);
  }
  schedule();

  return {
    play(note) {
      if (!stopped) played = withPlayed(played, [note]); // a held note's release takes its place
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      abort.abort();
      return { settings: s, clock, played: [...played], modelBars: [...modelBars].sort((a, b) => a.takeBar - b.takeBar), endedAt: now() };
    },
  };
}
