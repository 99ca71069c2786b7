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
import { withPlayed, type Along, type ModelBarNotes, type PlayedNote, type Take } from "../../lib/jam/take";
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
  /** A bar ready in time; again for an answer's first bar whose second ask replaces the first (ModelBar.refineAt). */
  onBar(bar: ReadyBar): void;
  onMissed(bar: ModelBar, why: "late" | "failed"): void;
}

export interface JamRunner {
  play(note: PlayedNote): void;
  /** A note of someone playing along on their own track (jam time: lib/jam/take.ts Along). */
  playAlong(who: Omit<Along, "played">, note: PlayedNote): void;
  stop(): Take;
}

export function startJamRunner(opts: JamRunnerOptions): JamRunner {
  const { settings: s, clock, piece, inference } = opts;
  const now = opts.now ?? Date.now;
  const margin = opts.sendMarginMs ?? SEND_MARGIN_MS;
  const meter = piece.meta;
  let played: PlayedNote[] = [];
  const alongs = new Map<string, Along>(); // by person and track (one who moves keeps what they played before)
  const modelBars: ModelBarNotes[] = [];
  const abort = new AbortController();
  let next = 0; // the next take bar to consider
  let timer: NodeJS.Timeout | null = null;
  const refines = new Set<NodeJS.Timeout>();
  /** Answers' first bars written from their second ask (refineAt): an earlier ask finishing later is dropped. */
  const refined = new Set<number>();
  let stopped = false;

  /** A bar's ask (`refine`: its second, on the call's last beat, which only replaces the first if it is in time). */
  async function write(bar: ModelBar, refine = false) {
    const preempt = refine ? new AbortController() : undefined;
    const done = opts.line ? await opts.line.turn(bar.due - margin, abort.signal, preempt) : () => {};
    if (stopped) return done?.();
    if (!done) return refine ? undefined : missed(bar, "late");
    try {
      await writeNow(bar, preempt?.signal);
    } finally {
      done();
    }
  }

  const missed = (bar: ModelBar, why: "late" | "failed") => refined.has(bar.takeBar) || opts.onMissed(bar, why);

  async function writeNow(bar: ModelBar, preempted?: AbortSignal) {
    const refine = preempted !== undefined;
    const askedAt = now();
    const budget = bar.due - margin - askedAt;
    if (budget <= 0) return refine ? undefined : missed(bar, "late");
    const notes = jamContext(piece.notes, s, clock, meter, { played, alongs: [...alongs.values()], modelBars }, askedAt);
    const region = { startBar: bar.pieceBar, endBar: bar.pieceBar + 1, pitchLo: 0, pitchHi: 127, trackIds: s.modelTracks };
    const late = new AbortController();
    const deadline = setTimeout(() => late.abort(), budget); // missed at its deadline, whatever the model does then
    const onStop = () => late.abort();
    abort.signal.addEventListener("abort", onStop, { once: true });
    preempted?.addEventListener("abort", onStop, { once: true }); // another bar needs the model: give up
    const generated = inference.generate({
      ...GENERATION_DEFAULTS,
      candidates: 1,
      seed: (bar.takeBar * 7919 + 1) >>> 0,
      controls: s.controls,
      guidance: 1, // a bar has a deadline: guidance would double the model's work (the decoder still holds density)
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
    preempted?.removeEventListener("abort", onStop);
    generated.catch(() => undefined);
    if (stopped) return;
    const inTime = outcome !== null && outcome.ok && now() <= bar.due - margin;
    if (refine && !inTime) return; // the first answer stands
    if (outcome === null || (outcome.ok && !inTime)) return missed(bar, "late");
    if (!outcome.ok) return missed(bar, "failed");
    if (!refine && refined.has(bar.takeBar)) return; // the second ask, hearing more of the call, came first
    if (refine) refined.add(bar.takeBar);
    const barStart = tickOfBar(bar.pieceBar, meter);
    const written = outcome.notes.map((n) => ({ ...n, start: n.start - barStart }));
    const i = modelBars.findIndex((b) => b.takeBar === bar.takeBar);
    modelBars.splice(i < 0 ? modelBars.length : i, i < 0 ? 0 : 1, { takeBar: bar.takeBar, notes: written });
    opts.onBar({ ...bar, notes: written, readyAt: now() });
  }

  function refineLater(bar: ModelBar) {
    if (bar.refineAt === undefined) return;
    const t = setTimeout(() => {
      refines.delete(t);
      if (!stopped) void write(bar, true);
    }, Math.max(0, bar.refineAt - now()));
    refines.add(t);
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
      refineLater(bar);
    }
    next += LOOK_BARS;
    timer = setTimeout(schedule, 0);
  }
  schedule();

  return {
    play(note) {
      if (!stopped) played = withPlayed(played, [note]); // a held note's release takes its place
    },
    playAlong(who, note) {
      if (stopped) return;
      const key = `${who.userId}\n${who.track}`;
      const along = alongs.get(key) ?? { ...who, played: [] };
      alongs.set(key, { ...along, played: withPlayed(along.played, [note]) });
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      refines.forEach(clearTimeout);
      abort.abort();
      return { settings: s, clock, played: [...played], alongs: [...alongs.values()], modelBars: [...modelBars].sort((a, b) => a.takeBar - b.takeBar), endedAt: now() };
    },
  };
}
