/** The FIM sequence a task's NLL is measured on: the window the server would pick (server/inference/window.ts). */
import { planWindow } from "../../server/inference/window";
import {
  barLength,
  encodeFim,
  encodePrompt,
  encodeTarget,
  quarterBeatsPerBar,
  ROLE_TO_MODEL_TRACK,
  toTokNotes,
  type FimInput,
} from "../tokenizer";
import type { EvalTask } from "./tasks";

/** Tokens and the prompt length, or null when the region alone does not fit the model. */
export function fimSequence(task: EvalTask, maxSeqLen: number): { tokens: number[]; promptLength: number; fromBar: number; bars: number } | null {
  const { piece, region, kind } = task;
  const beatsPerBar = quarterBeatsPerBar(piece.meta);
  const barLen = barLength(beatsPerBar);
  const role = new Map(piece.tracks.map((t) => [t.id, t.role]));
  const tracks = [...new Set(region.trackIds.map((id) => ROLE_TO_MODEL_TRACK[role.get(id)!]))].sort((a, b) => a - b);
  const notes = kind === "infill" ? piece.notes : piece.notes.filter((n) => n.start < region.endBar * task.ticksPerBar);
  const input = (fromBar: number, bars: number): FimInput => ({
    notes: toTokNotes(notes, piece.tracks, piece.meta, fromBar).filter((n) => n.start < bars * barLen),
    beatsPerBar,
    windowBars: bars,
    region: { startBar: region.startBar - fromBar, endBar: region.endBar - fromBar, pitchLo: region.pitchLo, pitchHi: region.pitchHi, tracks },
  });
  const len = region.endBar - region.startBar;
  const budget = encodeTarget(input(region.startBar, len)).length;
  try {
    const plan = planWindow({
      startBar: region.startBar,
      endBar: region.endBar,
      barsBefore: region.startBar,
      barsAfter: kind === "infill" ? Math.max(0, piece.bars - region.endBar) : 0,
      maxSeqLen,
      budget,
      encode: (fromBar, bars) => encodePrompt(input(fromBar, bars)),
    });
    return { ...encodeFim(input(plan.fromBar, plan.bars)), fromBar: plan.fromBar, bars: plan.bars };
  } catch {
    return null;
  }
}
