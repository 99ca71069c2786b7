/**
 * A deterministic 4-track song for the piano-roll bench: per 4/4 bar a melody in eighths, four-note
 * chords on every beat, a bass in eighths and a drum groove (kick, snare, hi-hats in sixteenths):
 * 50 notes a bar, so 10,000 notes are 200 bars.
 */
import type { Note } from "../../lib/doc-schema";

const BAR = 1920;
const PROGRESSION = [0, 9, 5, 7]; // I vi IV V in C
const SCALE = [0, 2, 4, 5, 7, 9, 11];

export function songNotes(count: number): Note[] {
  const out: Note[] = [];
  for (let bar = 0; out.length < count; bar++) {
    const root = 48 + PROGRESSION[bar % 4];
    const t0 = bar * BAR;
    for (let i = 0; i < 8; i++) {
      const degree = (bar * 3 + i * 2 + ((i * 7) % 3)) % 14;
      const pitch = 72 + SCALE[degree % 7] + (degree >= 7 ? 12 : 0) - 12;
      out.push({ track: "melody", pitch, start: t0 + i * 240, duration: 220, velocity: 80 + ((i * 13) % 30) });
    }
    for (let beat = 0; beat < 4; beat++) {
      for (const interval of [0, 4, 7, 12]) out.push({ track: "chords", pitch: root + 12 + interval, start: t0 + beat * 480, duration: 460, velocity: 70 });
    }
    for (let i = 0; i < 8; i++) out.push({ track: "bass", pitch: root - 12 + (i % 4 === 3 ? 7 : 0), start: t0 + i * 240, duration: 230, velocity: 90 });
    for (let i = 0; i < 16; i++) out.push({ track: "drums", pitch: i % 4 === 2 ? 46 : 42, start: t0 + i * 120, duration: 60, velocity: 60 + (i % 4) * 10 });
    out.push({ track: "drums", pitch: 36, start: t0, duration: 120, velocity: 110 });
    out.push({ track: "drums", pitch: 38, start: t0 + 960, duration: 120, velocity: 105 });
  }
  return out.slice(0, count);
}
