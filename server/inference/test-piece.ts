/** For tests: a 16-bar 4/4 piece on the default tracks, and a checker of every constraint a result must obey. */
import { DEFAULT_META, DEFAULT_TRACKS, type Note, type NoteWithId } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import type { InferenceRequest, InferenceResult } from "./types";
import { inDocRegion } from "./slots";

export const TRACKS = Object.entries(DEFAULT_TRACKS).map(([id, t]) => ({ ...t, id }));
export const META = DEFAULT_META;
const BAR = ticksPerBar(META); // 1920
const Q = BAR / 4;

export function testPiece(bars = 16): NoteWithId[] {
  const notes: Note[] = [];
  const prog = [[60, 64, 67], [57, 60, 64], [53, 57, 60], [55, 59, 62]]; // C Am F G
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  for (let bar = 0; bar < bars; bar++) {
    const chord = prog[bar % 4];
    const t = bar * BAR;
    for (const p of chord) notes.push({ track: "chords", pitch: p, start: t, duration: BAR, velocity: 70 });
    notes.push({ track: "bass", pitch: chord[0] - 24, start: t, duration: 2 * Q, velocity: 80 });
    notes.push({ track: "bass", pitch: chord[0] - 17, start: t + 2 * Q, duration: 2 * Q, velocity: 80 });
    for (let b = 0; b < 4; b++) notes.push({ track: "melody", pitch: scale[(bar * 3 + b * 2) % 8] + 12, start: t + b * Q, duration: Q, velocity: 96 });
    for (let e = 0; e < 8; e++) {
      notes.push({ track: "drums", pitch: 42, start: t + (e * Q) / 2, duration: Q / 4, velocity: 60 });
      if (e % 4 === 0) notes.push({ track: "drums", pitch: 36, start: t + (e * Q) / 2, duration: Q / 4, velocity: 100 });
      if (e % 4 === 2) notes.push({ track: "drums", pitch: 38, start: t + (e * Q) / 2, duration: Q / 4, velocity: 90 });
    }
  }
  return notes.map((n, i) => ({ ...n, id: `n${i}` }));
}

export function testRequest(over: Partial<InferenceRequest> = {}): InferenceRequest {
  return {
    mode: "infill",
    notes: testPiece(),
    tracks: TRACKS,
    meta: META,
    region: { startBar: 6, endBar: 10, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords", "bass", "drums"] },
    candidates: 2,
    temperature: 1,
    topP: 0.95,
    seed: 1234,
    ...over,
  };
}

/** Every generated note obeys the request: tracks, pitch range, region span, polyphony, density. Returns problems. */
export function constraintViolations(req: InferenceRequest, res: InferenceResult): string[] {
  const r = req.region;
  const lo = r.startBar * BAR;
  const hi = r.endBar * BAR;
  const problems: string[] = [];
  res.candidates.forEach((cand, c) => {
    for (const n of cand) {
      const where = `candidate ${c} note ${JSON.stringify(n)}`;
      if (!r.trackIds.includes(n.track)) problems.push(`${where}: track outside the region`);
      if (n.pitch < r.pitchLo || n.pitch > r.pitchHi) problems.push(`${where}: pitch outside ${r.pitchLo}..${r.pitchHi}`);
      if (n.track === "drums" && (n.pitch < 35 || n.pitch > 81)) problems.push(`${where}: not a GM drum pitch`);
      if (n.start < lo || n.start + n.duration > hi) problems.push(`${where}: outside the region's bars`);
    }
    const staying = req.notes.filter((n) => r.trackIds.includes(n.track) && !inDocRegion(n, r, BAR) && n.start < hi && n.start + n.duration > lo);
    const all = [...staying, ...cand];
    for (const id of r.trackIds) {
      const mine = all.filter((n) => n.track === id);
      if (req.maxPolyphony !== undefined)
        for (const n of cand.filter((x) => x.track === id)) {
          const sounding = mine.filter((m) => m.start <= n.start && n.start < m.start + m.duration).length;
          if (sounding > req.maxPolyphony) problems.push(`candidate ${c}: ${sounding} notes sound on ${id} at ${n.start}`);
        }
      if (req.maxNotesPerBar !== undefined)
        for (let bar = r.startBar; bar < r.endBar; bar++) {
          const count = mine.filter((n) => Math.floor(n.start / BAR) === bar).length;
          if (count > req.maxNotesPerBar) problems.push(`candidate ${c}: ${count} notes on ${id} in bar ${bar}`);
        }
    }
  });
  return problems;
}
