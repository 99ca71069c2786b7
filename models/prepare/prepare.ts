import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_SEQ_LEN, TOKENIZER_VERSION, VOCAB_SIZE } from "../tokenizer";
import { loadGroove } from "./groove";
import type { Piece, Split } from "./piece";
import { loadPop909 } from "./pop909";
import { createRng } from "./prng";
import { createShardWriter, type ShardStats } from "./shards";
import { readSplits, type SplitEntry } from "./splits";
import { drumPool, type DrumPool } from "./style-splice";
import { cutWindows } from "./windows";

export interface PrepareOptions {
  dataDir: string;
  out: string;
  /** At most this many pieces per dataset and split (the tiny preset uses 3). */
  limit?: number;
  /** Passes over the training pieces, each with its own window offsets, regions and transpositions. */
  copies: number;
  seed: string;
  /** The share of training windows given a control contrast (contrast.ts); 0 or absent: none, and the same bytes as before. */
  contrast?: number;
  /** The share of training windows whose region is drums of another style (style-splice.ts); 0 or absent: none. */
  styleContrast?: number;
  /** Pieces kept out of both splits, as `<dataset>/<path in its splits.csv>` (models/eval/style-bands.ts' bandFiles). */
  leaveOut?: ReadonlySet<string>;
  log?: (message: string) => void;
}

export interface PrepareMeta {
  tokenizer: string;
  vocabSize: number;
  maxSeqLen: number;
  format: string;
  options: { limit: number | null; copies: number; seed: string; leftOut?: number; contrast?: number; styleContrast?: number };
  splits: Record<Split, ShardStats & { pieces: Record<string, number>; skipped: number }>;
}

const FORMAT =
  "<split>.bin: uint16 LE token ids, sequences back to back; <split>.idx: uint32 LE token offsets, one per sequence plus the end";

/** A dataset's rows of one split that go into the shards: those not left out, the first `limit`. */
export function splitRows(dataDir: string, dataset: "pop909" | "groove-midi", split: Split, limit?: number, leaveOut?: ReadonlySet<string>): SplitEntry[] {
  return readSplits(dataDir, dataset)
    .filter((e) => e.split === split && !leaveOut?.has(`${dataset}/${e.path}`))
    .slice(0, limit);
}

function* pieces(dataDir: string, split: Split, limit: number | undefined, leaveOut?: ReadonlySet<string>): Generator<Piece | { skipped: string }> {
  for (const e of splitRows(dataDir, "pop909", split, limit, leaveOut)) yield loadPop909(dataDir, e.group, split);
  const groove = splitRows(dataDir, "groove-midi", split, limit, leaveOut);
  for (const e of groove) yield loadGroove(dataDir, e.path, split) ?? { skipped: e.path };
}

/** Reads pop909 and groove-midi, cuts windows with seeded regions and writes the train and valid shards + meta.json. */
export async function prepare(opts: PrepareOptions): Promise<PrepareMeta> {
  mkdirSync(opts.out, { recursive: true });
  const splits = {} as PrepareMeta["splits"];
  const pool: DrumPool | undefined = opts.styleContrast
    ? drumPool(splitRows(opts.dataDir, "groove-midi", "train", opts.limit, opts.leaveOut).flatMap((e) => loadGroove(opts.dataDir, e.path, "train") ?? []))
    : undefined;
  for (const split of ["train", "valid"] as const) {
    const writer = createShardWriter(join(opts.out, `${split}.bin`), join(opts.out, `${split}.idx`));
    const counts: Record<string, number> = {};
    let skipped = 0;
    const copies = split === "train" ? opts.copies : 1;
    for (const piece of pieces(opts.dataDir, split, opts.limit, opts.leaveOut)) {
      if ("skipped" in piece) {
        skipped++;
        continue;
      }
      counts[piece.source] = (counts[piece.source] ?? 0) + 1;
      for (let copy = 0; copy < copies; copy++) {
        const seed = `${opts.seed}/${split}/${piece.source}/${piece.id}/${copy}`;
        const rng = createRng(seed);
        const contrast =
          split === "train" && (opts.contrast || opts.styleContrast)
            ? { rng: createRng(`${seed}/contrast`), share: opts.contrast ?? 0, styleShare: opts.styleContrast ?? 0, pool }
            : undefined;
        for (const segment of piece.segments)
          for (const seq of cutWindows(piece, segment, rng, split === "train", contrast)) await writer.add(seq.tokens, seq.promptLength);
      }
    }
    const stats = await writer.close();
    splits[split] = { ...stats, pieces: counts, skipped };
    opts.log?.(`${split}: ${stats.sequences} sequences, ${stats.tokens} tokens (${stats.regionTokens} in regions), pieces ${JSON.stringify(counts)}, skipped ${skipped}`);
  }
  const meta: PrepareMeta = {
    tokenizer: TOKENIZER_VERSION,
    vocabSize: VOCAB_SIZE,
    maxSeqLen: MAX_SEQ_LEN,
    format: FORMAT,
    options: {
      limit: opts.limit ?? null,
      copies: opts.copies,
      seed: opts.seed,
      ...(opts.leaveOut ? { leftOut: opts.leaveOut.size } : {}),
      ...(opts.contrast ? { contrast: opts.contrast } : {}),
      ...(opts.styleContrast ? { styleContrast: opts.styleContrast } : {}),
    },
    splits,
  };
  writeFileSync(join(opts.out, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
  return meta;
}
