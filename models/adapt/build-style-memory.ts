/** A style memory from a band's own pieces: each piece through the tokenizer, kept with its id, fingerprinted. */
import { createHash } from "node:crypto";
import type { Note, PieceMeta, Track } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import type { EvalPiece } from "../eval/pieces";
import {
  STYLE_MEMORY_VERSION,
  styleMemorySchema,
  type StyleMemoryArtifact,
  type StyleWeights,
} from "../../server/inference/adaptation/style-memory";
import { barLength, encodeBars, quarterBeatsPerBar, REPETITION_STATES, toTokNotes } from "../tokenizer";

/** What a source piece is to the builder: the document's notes, tracks and meter. */
export interface SourcePiece {
  id: string;
  notes: Note[];
  tracks: (Track & { id: string })[];
  meta: PieceMeta;
}

/** A source piece as the evaluation's tasks read one: where a fit or a fine-tune draws its regions. */
export function sourceAsEvalPiece(p: SourcePiece): EvalPiece {
  const end = p.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  const notes = p.notes.map((n, i) => ({ id: `n${i}`, ...n }));
  return { id: p.id, source: "adaptation", loader: "midi", meta: p.meta, tracks: p.tracks, notes, bars: Math.ceil(end / ticksPerBar(p.meta)) };
}

/** Tokens a prediction looks at (6: the two notes before, whole, for an onset; a note and a half for a pitch). */
export const DEFAULT_ORDER = 6;

/** The piece's bars as the tokenizer writes a region: BAR (TRACK (POS DUR PITCH)+)* per bar, from its first bar. */
export function pieceStream(p: SourcePiece): number[] {
  const notes = toTokNotes(p.notes, p.tracks, p.meta, 0);
  const barLen = barLength(quarterBeatsPerBar(p.meta));
  const bars = notes.reduce((m, n) => Math.max(m, Math.floor(n.start / barLen) + 1), 0);
  return encodeBars(notes, 0, bars, barLen);
}

/** Until exponents are fitted, the memory is heard only, and softly, where it has seen the longest history. */
export function defaultWeights(order: number): StyleWeights {
  const row = Array.from({ length: order }, (_, len) => (len === order - 1 ? 0.1 : 0));
  return Object.fromEntries(REPETITION_STATES.map((s) => [s, [...row]])) as StyleWeights;
}

export function styleFingerprint(tokenizer: string, order: number, sources: readonly { pieceId: string; tokens: readonly number[] }[]): string {
  const h = createHash("sha256").update(`style-memory/${STYLE_MEMORY_VERSION}/${tokenizer}/${order}`);
  for (const s of sources) h.update(`\n${s.pieceId}\n${s.tokens.join(",")}`);
  return h.digest("hex");
}

export interface BuildOptions {
  tokenizer: string; // the model's (its manifest's) tokenizer version
  order?: number;
  weights?: StyleWeights;
  now?: Date;
}

export function buildStyleMemory(pieces: readonly SourcePiece[], o: BuildOptions): StyleMemoryArtifact {
  const order = o.order ?? DEFAULT_ORDER;
  const sources = pieces.map((p) => ({ pieceId: p.id, tokens: pieceStream(p) })).filter((s) => s.tokens.length > 1);
  if (sources.length === 0) throw new Error("a style memory needs at least one piece with notes");
  return styleMemorySchema.parse({
    kind: "style-memory",
    version: STYLE_MEMORY_VERSION,
    tokenizer: o.tokenizer,
    order,
    weights: o.weights ?? defaultWeights(order),
    sources,
    fingerprint: styleFingerprint(o.tokenizer, order, sources),
    builtAt: (o.now ?? new Date()).toISOString(),
  });
}

/** The same memory with fitted exponents (the fingerprint names the sources, not the exponents). */
export const withWeights = (a: StyleMemoryArtifact, weights: StyleWeights): StyleMemoryArtifact => styleMemorySchema.parse({ ...a, weights });
