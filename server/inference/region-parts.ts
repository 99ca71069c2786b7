/**
 * A region too long to leave the model's window room for the music around it is written in parts, in order, each
 * part hearing the ones before it. A 16-bar region took a 16-bar window whole: with no bar of context, model 2 wrote
 * nothing at all for 2 of 3 seeds of `--infill 5-20` on pop909-001, while 12 bars (4 of context) always got notes.
 */
import { GENERATION_LIMITS } from "../../lib/generation";
import type { Note, NoteWithId } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import { InferenceTimeoutError } from "./errors";
import { inDocRegion } from "./slots";
import type { InferenceRequest, InferenceResult } from "./types";

/** Fewer context bars than this, and the region is written in parts. */
export const MIN_CONTEXT_BARS = 4;

export interface Span {
  startBar: number;
  endBar: number;
}

/**
 * The parts of [startBar, endBar): the region whole where the window keeps MIN_CONTEXT_BARS around it, else parts of at
 * most half the window, as equal as they go (earlier ones a bar longer). Pure.
 */
export function regionParts(region: Span, windowBars: number): Span[] {
  const n = region.endBar - region.startBar;
  const half = Math.max(1, Math.floor(windowBars / 2));
  if (n <= windowBars - MIN_CONTEXT_BARS || n <= half) return [{ ...region }];
  const count = Math.ceil(n / half);
  const parts: Span[] = [];
  let at = region.startBar;
  for (let i = 0; i < count; i++) {
    const len = Math.floor(n / count) + (i < n % count ? 1 : 0);
    parts.push({ startBar: at, endBar: at + len });
    at += len;
  }
  return parts;
}

/** How a part is run: one window's generate, told what the part may not hear and which candidate it writes. */
export interface PartOptions {
  /** A later part follows: the window stops at the part's end, as a continuation's does. */
  lastPart: boolean;
  /** This run writes candidate `index` of `of`, alone: its own earlier parts are its context. */
  candidate?: { index: number; of: number };
}
export type RunWindow = (req: InferenceRequest, part: PartOptions) => Promise<InferenceResult>;

/**
 * Writes `req` in `parts`: the first part for every candidate at once, then each later part per candidate, on the
 * piece with that candidate's earlier parts in place of the region's old notes. Notes stream under their candidate;
 * the whole request keeps one deadline.
 */
export async function generateInParts(run: RunWindow, req: InferenceRequest, parts: Span[]): Promise<InferenceResult> {
  const t0 = performance.now();
  const timeoutMs = req.timeoutMs ?? GENERATION_LIMITS.timeoutMs.default;
  const left = () => {
    const ms = Math.floor(timeoutMs - (performance.now() - t0));
    if (ms < 1) throw new InferenceTimeoutError(timeoutMs);
    return ms;
  };
  const barTicks = ticksPerBar(req.meta);
  const partRequest = (p: number, over: Partial<InferenceRequest>): InferenceRequest => ({
    ...req,
    region: { ...req.region, ...parts[p] },
    seed: partSeed(req.seed, p),
    ...over,
  });
  const withTimeout = <T>(p: Promise<T>) =>
    p.catch((e: unknown) => {
      throw e instanceof InferenceTimeoutError ? new InferenceTimeoutError(timeoutMs) : e;
    });

  const first = await withTimeout(run(partRequest(0, { timeoutMs: left() }), { lastPart: parts.length === 1 }));
  const out = first.candidates.map((c) => [...c]);
  const bits = first.bitsPerToken.map((b) => [b]);
  let tokens = first.tokens;
  for (let p = 1; p < parts.length; p++) {
    // the region's old notes before this part are gone: the candidate's own notes stand there
    const earlier = { ...req.region, endBar: parts[p].startBar };
    const kept = req.notes.filter((n) => !inDocRegion(n, earlier, barTicks));
    for (let c = 0; c < out.length; c++) {
      const notes: NoteWithId[] = kept.concat(out[c].map((n, i) => ({ ...n, id: `part-${c}-${i}` })));
      const onNote = req.onNote && ((_: number, note: Note) => req.onNote?.(c, note));
      const res = await withTimeout(
        run(partRequest(p, { notes, candidates: 1, onNote, timeoutMs: left() }), {
          lastPart: p === parts.length - 1,
          candidate: { index: c, of: out.length },
        }),
      );
      out[c].push(...res.candidates[0]);
      bits[c].push(res.bitsPerToken[0]);
      tokens += res.tokens;
    }
  }
  return {
    ...first,
    candidates: out,
    bitsPerToken: bits.map((b) => b.reduce((s, x) => s + x, 0) / b.length),
    latencyMs: Math.round(performance.now() - t0),
    tokens,
  };
}

/** Each part samples from its own stream: the same seed in every part could make a part echo the one before. */
export const partSeed = (seed: number, part: number): number => (part === 0 ? seed : (seed + Math.imul(part, 0x9e3779b9)) >>> 0);
