/** The piece as a Standard MIDI File download (tracks, tempo, meter, notes): the plain musical export. */
import type { Note, PieceMeta, Track } from "@/lib/doc-schema";
import { writeMidiFile } from "@/lib/midi";

export function midiFileName(title: string | undefined): string {
  const safe = (title ?? "").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 100);
  return `${safe || "Untitled"}.mid`;
}

export function downloadMidi(piece: { meta: PieceMeta; tracks: (Track & { id: string })[]; notes: Note[] }, title: string | undefined): void {
  const bytes = writeMidiFile(piece);
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: "audio/midi" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = midiFileName(title);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
