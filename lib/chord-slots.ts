/**
 * The chord symbols over a piece's bars: one a bar, or one a half bar where the halves make different chords (in
 * meters of an even number of beats), detected from the pitched notes, and where an editor typed a symbol for a
 * bar or half bar, that symbol instead. Overrides are kept by tick in the document, so a change of time signature
 * leaves them where they were in time; each belongs to the slot that holds its tick. Pure.
 */
import { chordSymbol, detectChord, type Sounding } from "./chords";
import { ticksPerBar, type Meter } from "./time";

export interface ChordSlot {
  bar: number; // 0-based
  start: number; // ticks
  end: number;
  detected: string | null;
  /** A person's symbol for this slot, and the tick it is stored under. */
  override: { tick: number; symbol: string } | null;
}

export interface SlotNote {
  pitch: number;
  start: number;
  duration: number;
}

/** A note that sounds for this share of a span can be its bass; shorter low notes are passing tones. */
const BASS_SHARE = 0.25;

interface Unit {
  weights: number[];
  longBass: number; // lowest pitch sounding at least BASS_SHARE of the unit
  anyBass: number; // lowest pitch at all
}

/** The slots of every bar up to the last note or override, in time order. `fifths` spells the symbols (null: no key). */
export function chordSlots(
  notes: readonly SlotNote[],
  meter: Meter,
  overrides: ReadonlyMap<number, string>,
  fifths: number | null,
): ChordSlot[] {
  const tpb = ticksPerBar(meter);
  const halves = meter.beatsPerBar % 2 === 0 ? 2 : 1;
  const unitLen = tpb / halves;
  let end = 0;
  for (const n of notes) end = Math.max(end, n.start + n.duration);
  for (const t of overrides.keys()) end = Math.max(end, t + 1);
  const bars = Math.ceil(end / tpb);
  const units: Unit[] = Array.from({ length: bars * halves }, () => ({ weights: new Array<number>(12).fill(0), longBass: 128, anyBass: 128 }));
  for (const n of notes) {
    const last = Math.min(units.length - 1, Math.floor((n.start + n.duration - 1) / unitLen));
    for (let u = Math.floor(n.start / unitLen); u <= last; u++) {
      const overlap = Math.min(n.start + n.duration, (u + 1) * unitLen) - Math.max(n.start, u * unitLen);
      const unit = units[u];
      unit.weights[n.pitch % 12] += overlap;
      unit.anyBass = Math.min(unit.anyBass, n.pitch);
      if (overlap >= unitLen * BASS_SHARE) unit.longBass = Math.min(unit.longBass, n.pitch);
    }
  }
  const symbolOf = (parts: Unit[]): string | null => {
    const weights = new Array<number>(12).fill(0);
    for (const p of parts) p.weights.forEach((x, pc) => (weights[pc] += x));
    const low = parts.map((p) => (p.longBass < 128 ? p.longBass : p.anyBass)).find((b) => b < 128);
    const sounding: Sounding = { weights, bass: low === undefined ? null : low % 12 };
    const chord = detectChord(sounding);
    return chord && chordSymbol(chord, fifths);
  };
  const overrideAt = overridesBySlot(overrides, unitLen);

  const slots: ChordSlot[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const own = units.slice(bar * halves, (bar + 1) * halves);
    const parts = own.map((u) => symbolOf([u]));
    const split = halves === 2 && ((parts[0] !== null && parts[1] !== null && parts[0] !== parts[1]) || overrideAt.has(bar * halves + 1));
    if (split) {
      for (let h = 0; h < 2; h++) {
        const start = bar * tpb + h * unitLen;
        slots.push({ bar, start, end: start + unitLen, detected: parts[h], override: overrideAt.get(bar * halves + h) ?? null });
      }
    } else {
      const start = bar * tpb;
      slots.push({ bar, start, end: start + tpb, detected: symbolOf(own), override: overrideAt.get(bar * halves) ?? null });
    }
  }
  return slots;
}

/** Each override under the unit (bar or half bar) that holds its tick; the earliest tick wins where several do. */
function overridesBySlot(overrides: ReadonlyMap<number, string>, unitLen: number): Map<number, { tick: number; symbol: string }> {
  const out = new Map<number, { tick: number; symbol: string }>();
  for (const [tick, symbol] of [...overrides].sort((a, b) => a[0] - b[0])) {
    const unit = Math.floor(tick / unitLen);
    if (!out.has(unit)) out.set(unit, { tick, symbol });
  }
  return out;
}

/** The slots, then empty bars up to `until` (a tick), so that a person can type a chord where no note is yet. */
export function withEmptyBars(slots: readonly ChordSlot[], meter: Meter, until: number): readonly ChordSlot[] {
  const tpb = ticksPerBar(meter);
  const from = slots.length > 0 ? slots[slots.length - 1].bar + 1 : 0;
  const last = Math.ceil(until / tpb);
  if (from >= last) return slots;
  const empty = Array.from({ length: last - from }, (_, i): ChordSlot => {
    const bar = from + i;
    return { bar, start: bar * tpb, end: (bar + 1) * tpb, detected: null, override: null };
  });
  return [...slots, ...empty];
}

/** The symbol a slot shows: the person's where there is one. */
export const slotSymbol = (s: ChordSlot): string | null => s.override?.symbol ?? s.detected;
