/** The sentence a screen reader hears when the selection changes (aria-live). */
import type { NoteWithId } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import { drumName } from "./drum-names";
import { pitchName } from "./geometry";

export function selectionSummary(notes: readonly NoteWithId[], ids: ReadonlySet<string>, meter: Meter, drums = false): string {
  const picked = notes.filter((n) => ids.has(n.id));
  if (picked.length === 0) return "No notes selected.";
  const tpb = ticksPerBar(meter);
  const name = (p: number) => (drums ? (drumName(p) ?? pitchName(p)) : pitchName(p));
  if (picked.length === 1) {
    const n = picked[0];
    const bar = Math.floor(n.start / tpb) + 1;
    const beat = Math.floor((n.start % tpb) / (tpb / meter.beatsPerBar)) + 1;
    return `1 note selected: ${name(n.pitch)}, bar ${bar} beat ${beat}, velocity ${n.velocity}.`;
  }
  const lo = Math.min(...picked.map((n) => n.pitch));
  const hi = Math.max(...picked.map((n) => n.pitch));
  const first = Math.floor(Math.min(...picked.map((n) => n.start)) / tpb) + 1;
  const last = Math.floor(Math.max(...picked.map((n) => n.start)) / tpb) + 1;
  const bars = first === last ? `bar ${first}` : `bars ${first} to ${last}`;
  return `${picked.length} notes selected: ${name(lo)} to ${name(hi)}, ${bars}.`;
}
