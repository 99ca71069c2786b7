/**
 * Splitting a length in ticks (480 a quarter note) into written note values, tied: plain and dotted
 * values down to a 128th, and triplets down to a 32nd. A remainder no value fits (a note off every
 * grid) is written with its exact duration and no type, which MusicXML allows.
 */
export interface NoteValue {
  ticks: number;
  type?: string;
  dots?: number;
  /** Three in the time of two. */
  triplet?: boolean;
}

const PLAIN: [string, number][] = [
  ["breve", 3840],
  ["whole", 1920],
  ["half", 960],
  ["quarter", 480],
  ["eighth", 240],
  ["16th", 120],
  ["32nd", 60],
  ["64th", 30],
  ["128th", 15],
];

const VALUES: NoteValue[] = [
  ...PLAIN.map(([type, ticks]) => ({ type, ticks })),
  ...PLAIN.slice(1, 8).map(([type, ticks]) => ({ type, ticks: ticks * 1.5, dots: 1 })),
  ...PLAIN.slice(2, 7).map(([type, ticks]) => ({ type, ticks: (ticks * 2) / 3, triplet: true })),
].sort((a, b) => b.ticks - a.ticks);

// Every multiple of 15 is a sum of plain values, every multiple of 40 a sum of triplets.
const writable = (ticks: number) => ticks === 0 || ticks % 15 === 0 || ticks % 40 === 0;

export function noteValues(ticks: number): NoteValue[] {
  const out: NoteValue[] = [];
  let left = ticks;
  while (left > 0) {
    const v = VALUES.find((x) => x.ticks <= left && writable(left - x.ticks));
    if (!v) {
      out.push({ ticks: left });
      break;
    }
    out.push(v);
    left -= v.ticks;
  }
  return out;
}
