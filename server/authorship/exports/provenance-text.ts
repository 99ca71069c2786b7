/** One line per note saying who made it and who changed it, and one line of shares: the MIDI file's text events. */
import { percent, type Figures } from "./figures";
import type { NoteCredit } from "./note-credits";

export function noteProvenanceLine(c: NoteCredit): string {
  const o = c.origin;
  const origin = !o
    ? "unattributed"
    : o.kind === "human"
      ? `human ${o.name}`
      : `AI ${o.name}${o.version ? ` ${o.version}` : ""} gen ${o.generationId ?? "?"}${c.seed === null ? "" : ` seed ${c.seed}`}, accepted by ${o.acceptedBy?.name ?? "unknown"}`;
  const edits = c.edits.map((e) => (e.fields.length > 0 ? `${e.name} (${e.fields.join(", ")})` : e.name));
  return `note ${c.noteId}: ${origin}${edits.length > 0 ? `, edited by ${edits.join("; ")}` : ""}`;
}

export function sharesLine(f: Figures): string {
  const parts = [
    ...f.people.filter((p) => p.notes > 0).map((p) => `${p.name} ${percent(p.noteShare)}`),
    ...f.models.filter((m) => m.notes > 0).map((m) => `AI ${m.model} ${m.versions.join("/")} ${percent(m.noteShare)}`),
  ];
  if (f.unattributedNotes > 0) parts.push(`unattributed ${percent(f.unattributedNotes / f.totalNotes)}`);
  return `Shares of the ${f.totalNotes} notes: ${parts.length > 0 ? parts.join(", ") : "none"}`;
}
