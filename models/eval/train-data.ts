/** The n-gram baseline's training tokens: the prepared training shard, or windows cut from a folder of MIDI files. */
import { existsSync } from "node:fs";
import { quarterBeatsPerBar, ROLE_TO_MODEL_TRACK, toTokNotes } from "../tokenizer";
import type { Piece } from "../prepare/piece";
import { createRng } from "../prepare/prng";
import { cutWindows } from "../prepare/windows";
import { listMidiDir, loadPiece, type EvalPiece } from "./pieces";
import { readShard } from "./shard-reader";

export interface TrainTokens {
  description: string;
  sequences: ArrayLike<number>[];
}

/** An editor-side piece as prepare's Piece: one segment, windows and regions cut the way training data is. */
function asPrepared(p: EvalPiece): Piece {
  const role = new Map(p.tracks.map((t) => [t.id, t.role]));
  const tracks = [...new Set(p.notes.map((n) => ROLE_TO_MODEL_TRACK[role.get(n.track)!]))].sort((a, b) => a - b);
  const notes = toTokNotes(p.notes, p.tracks, p.meta, 0).sort((a, b) => a.start - b.start || a.track - b.track || a.pitch - b.pitch);
  return {
    source: tracks.includes(3) ? "groove" : "pop909", // only names the piece in prepare's messages
    id: p.id,
    split: "train",
    tracks,
    pitched: !tracks.includes(3),
    segments: [{ beatsPerBar: quarterBeatsPerBar(p.meta), bars: p.bars, notes }],
  };
}

export function loadTrainTokens(trainBin: string, trainMidiDir: string | undefined, seed: string): TrainTokens {
  if (trainMidiDir) {
    const { files } = listMidiDir(trainMidiDir);
    const sequences: number[][] = [];
    for (const file of files) {
      const piece = loadPiece(file, "train");
      if (!piece || piece.notes.length === 0) continue;
      const prepared = asPrepared(piece);
      const rng = createRng(`${seed}/ngram/${file}`);
      for (const seg of prepared.segments) for (const s of cutWindows(prepared, seg, rng, true)) sequences.push(s.tokens);
    }
    return { description: `${sequences.length} sequences cut from ${files.length} MIDI files in ${trainMidiDir}`, sequences };
  }
  if (!existsSync(trainBin)) throw new Error(`${trainBin} is missing: run \`npm run model:prepare\` or pass --train-midi-dir`);
  const sequences = readShard(trainBin);
  const tokens = sequences.reduce((s, x) => s + x.length, 0);
  return { description: `${trainBin}: ${sequences.length} sequences, ${tokens} tokens (the model's training shard)`, sequences };
}
