/** Counts for the drum style expert (server/inference/style-expert.ts): where each style's 4/4 takes put their parts. */
import { STYLE_BAR_LEN, STYLE_PHASES, type StyleProfile, type StyleProfiles } from "../../server/inference/style-expert";
import { DRUM_CLASSES, drumClass, DRUM_TRACK, GRID_PER_BEAT } from "../tokenizer";
import type { Piece } from "./piece";

/** Styles with fewer takes than this get no profile: their counts would say more about a drummer than a style. */
export const MIN_STYLE_TAKES = 15;

function emptyProfile(): StyleProfile {
  return {
    takes: 0,
    halfBars: 0,
    onsets: new Array(STYLE_PHASES).fill(0),
    parts: Array.from({ length: STYLE_PHASES }, () => new Array(DRUM_CLASSES.length).fill(0)),
  };
}

/** Adds a take's 4/4 segments to its style's counts. */
function addTake(p: StyleProfile, piece: Piece): void {
  let used = false;
  for (const seg of piece.segments) {
    if (seg.beatsPerBar * GRID_PER_BEAT !== STYLE_BAR_LEN) continue;
    used = true;
    p.halfBars += seg.bars * 2;
    const seen = new Set<number>(); // half-bar * phases + phase
    for (const n of seg.notes) {
      if (n.track !== DRUM_TRACK) continue;
      const phase = n.start % STYLE_PHASES;
      seen.add(Math.floor(n.start / STYLE_PHASES) * STYLE_PHASES + phase);
      p.parts[phase][drumClass(n.pitch)]++;
    }
    for (const k of seen) p.onsets[k % STYLE_PHASES]++;
  }
  if (used) p.takes++;
}

/** Profiles of every style with at least `minTakes` 4/4 takes among `pieces` (the training split only). */
export function buildStyleProfiles(pieces: readonly Piece[], fittedOn: string, minTakes = MIN_STYLE_TAKES): StyleProfiles {
  const by = new Map<string, StyleProfile>();
  for (const piece of pieces) {
    if (!piece.style) continue;
    if (!by.has(piece.style)) by.set(piece.style, emptyProfile());
    addTake(by.get(piece.style)!, piece);
  }
  const styles = Object.fromEntries([...by].filter(([, p]) => p.takes >= minTakes).sort(([a], [b]) => a.localeCompare(b)));
  return { fittedOn, styles };
}
