/** The MIDI file's provenance texts: who made each note and who changed it, and one line of shares. */
import type { NoteWithId } from "../../../lib/doc-schema";
import { barOfTick, tickOfBar, type Meter } from "../../../lib/time";
import { percent, type Figures } from "./figures";
import type { NoteCredit } from "./note-credits";
import { countOf, plural } from "../../../lib/plural";

// Text events are one line each within a bar's event; names keep to one line.
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ");

/** "human Ada" or "AI tandem-fim 1.1.0 gen g-1 seed 4242, accepted by Bo", then ", edited by Cy (pitch)". */
export function noteOriginText(c: NoteCredit): string {
  const o = c.origin;
  const origin = !o
    ? "unattributed"
    : o.kind === "human"
      ? `human ${o.name}`
      : `AI ${o.name}${o.version ? ` ${o.version}` : ""} gen ${o.generationId ?? "?"}${c.seed === null ? "" : ` seed ${c.seed}`}, accepted by ${o.acceptedBy?.name ?? "unknown"}`;
  const edits = c.edits.map((e) => (e.fields.length > 0 ? `${e.name} (${e.fields.join(", ")})` : e.name));
  return oneLine(`${origin}${edits.length > 0 ? `, edited by ${edits.join("; ")}` : ""}`);
}

export interface TimedText {
  tick: number;
  text: string;
}

/** At most this many text events: MIDI writers copy the track for each event, so the count stays bounded. */
export const MAX_PROVENANCE_EVENTS = 256;

/**
 * Text events for the tempo track, one per bar (or per group of bars in a long piece), at the first
 * onset in it: "bar 3", then a line per run of notes in one track with one origin,
 * "Melody: notes n-1, n-2: human Ada". Each note is listed in the bar where it starts.
 */
export function barProvenanceTexts(
  notes: readonly NoteWithId[],
  trackNames: ReadonlyMap<string, string>,
  credits: ReadonlyMap<string, NoteCredit>,
  meter: Meter,
): TimedText[] {
  const lastBar = notes.reduce((m, n) => Math.max(m, barOfTick(n.start, meter)), 0);
  const barsPerEvent = Math.max(1, Math.ceil((lastBar + 1) / MAX_PROVENANCE_EVENTS));
  const groups = new Map<number, NoteWithId[]>();
  const order = [...trackNames.keys()];
  const sorted = [...notes].sort((a, b) => order.indexOf(a.track) - order.indexOf(b.track) || a.start - b.start || a.pitch - b.pitch);
  for (const n of sorted) {
    const group = Math.floor(barOfTick(n.start, meter) / barsPerEvent);
    const g = groups.get(group);
    if (g) g.push(n);
    else groups.set(group, [n]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([group, members]) => {
      const lines: { track: string; ids: string[]; origin: string }[] = [];
      for (const n of members) {
        const origin = noteOriginText(credits.get(n.id)!);
        const last = lines.at(-1);
        if (last?.track === n.track && last.origin === origin) last.ids.push(n.id);
        else lines.push({ track: n.track, ids: [n.id], origin });
      }
      const [first, last] = [group * barsPerEvent + 1, Math.min(lastBar + 1, (group + 1) * barsPerEvent)];
      const body = lines.map((l) => `${oneLine(trackNames.get(l.track) ?? l.track)}: ${plural(l.ids.length, "note")} ${l.ids.join(", ")}: ${l.origin}`);
      const tick = Math.max(tickOfBar(first - 1, meter), Math.min(...members.map((n) => n.start)));
      return { tick, text: [first === last ? `bar ${first}` : `bars ${first}-${last}`, ...body].join("\n") };
    });
}

export function sharesLine(f: Figures): string {
  const parts = [
    ...f.people.filter((p) => p.notes > 0).map((p) => `${p.name} ${percent(p.noteShare)}`),
    ...f.models.filter((m) => m.notes > 0).map((m) => `AI ${m.model} ${m.versions.join("/")} ${percent(m.noteShare)}`),
  ];
  if (f.unattributedNotes > 0) parts.push(`unattributed ${percent(f.unattributedNotes / f.totalNotes)}`);
  return oneLine(`Shares of the ${countOf(f.totalNotes, "note")}: ${parts.length > 0 ? parts.join(", ") : "none"}`);
}
