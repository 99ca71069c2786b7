/**
 * Method B's training data: a band's adapt pieces as token shards (models/prepare/shards.ts's format), each piece's
 * regions drawn as model:eval-style draws its held-out ones (pickTasks, then the server's window via fimSequence), so
 * the fine-tune practises the task it is measured on. The last `hold` pieces go to the valid shard (early stopping).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fimSequence } from "../eval/fim";
import type { EvalPiece } from "../eval/pieces";
import type { Band } from "../eval/style-bands";
import { pickTasks } from "../eval/tasks";
import { createShardWriter, type ShardStats } from "../prepare/shards";
import { createRng } from "../prepare/prng";

export interface ShardOptions {
  dir: string;
  seed: string;
  copies: number; // passes over each piece, each with its own seeded regions
  hold: number;
  maxSeqLen: number;
  vocabSize: number; // the shipped model's: a token past it means the wrong tokenizer
  /**
   * Pieces of other styles, so the fine-tune does not forget them: every other one joins the train shard for one pass
   * (rehearsal), the rest go to the guard shard, on which finetune.py checks each step it keeps.
   */
  rehearse?: EvalPiece[];
}

type SplitOptions = Pick<ShardOptions, "dir" | "seed" | "maxSeqLen" | "vocabSize">;

/** Rehearsal pieces split between the train shard (every other one) and the guard shard (the rest). */
export const splitRehearsal = (pieces: EvalPiece[]) => ({ train: pieces.filter((_, i) => i % 2 === 0), guard: pieces.filter((_, i) => i % 2 === 1) });

/** One split's shard: `passes` seeded draws of each piece's regions, named by `name` (the band) in the seed. */
async function writeSplit(split: string, pieces: EvalPiece[], passes: (p: EvalPiece) => number, name: string, o: SplitOptions): Promise<ShardStats> {
  const w = createShardWriter(join(o.dir, `${split}.bin`), join(o.dir, `${split}.idx`));
  for (const p of pieces)
    for (let c = 0; c < passes(p); c++)
      for (const t of pickTasks(p, createRng(`${o.seed}/finetune/${name}/${p.id}/${c}`))) {
        const fim = fimSequence(t, o.maxSeqLen);
        if (!fim) continue;
        if (fim.tokens.some((id) => id >= o.vocabSize)) throw new Error(`a token past the model's vocabulary (${o.vocabSize})`);
        await w.add(fim.tokens, fim.promptLength);
      }
  return w.close();
}

/** Few pieces (fewer than hold + 2): none is held aside, and early stopping watches the first pass of the training ones. */
export async function writeBandShards(band: Pick<Band, "name">, pieces: EvalPiece[], o: ShardOptions): Promise<{ train: number; valid: number; guard: number }> {
  mkdirSync(o.dir, { recursive: true });
  const hold = pieces.length >= o.hold + 2 ? o.hold : 0;
  const own = { train: pieces.slice(0, pieces.length - hold), valid: hold > 0 ? pieces.slice(pieces.length - hold) : pieces };
  const others = splitRehearsal(o.rehearse ?? []);
  const parts = { train: [...own.train, ...others.train], valid: own.valid, guard: others.guard };
  const passes = (split: "train" | "valid" | "guard") => (p: EvalPiece) => (split === "train" && own.train.includes(p) ? o.copies : 1);
  const counts = { train: 0, valid: 0, guard: 0 };
  for (const split of ["train", "valid", "guard"] as const) {
    if (parts[split].length === 0 && split === "guard") continue;
    counts[split] = (await writeSplit(split, parts[split], passes(split), band.name, o)).sequences;
  }
  return counts;
}

/**
 * The rehearsal pieces shipped beside the model (models/adapt/write-rehearsal.ts): train.{bin,idx}, which joins every
 * band's train set for one pass, and guard.{bin,idx}, finetune.py's guard where a band's shards have none.
 */
export async function writeRehearsalShards(pieces: EvalPiece[], o: SplitOptions): Promise<{ train: ShardStats; guard: ShardStats }> {
  mkdirSync(o.dir, { recursive: true });
  const parts = splitRehearsal(pieces);
  const once = () => 1;
  return { train: await writeSplit("train", parts.train, once, "rehearsal", o), guard: await writeSplit("guard", parts.guard, once, "rehearsal", o) };
}
