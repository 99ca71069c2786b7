/**
 * The checks midi-file does not make: it reads past the end of a truncated file as `undefined`
 * instead of failing, and accepts time divisions this editor cannot place on a beat grid.
 * Returns the reason the bytes cannot be read, or null when their chunk structure is sound.
 */
import { countOf } from "../plural";

export function structureProblem(bytes: Uint8Array): string | null {
  const id = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  const u32 = (at: number) => ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
  const u16 = (at: number) => (bytes[at] << 8) + bytes[at + 1];

  if (bytes.length < 14 || id(0) !== "MThd") return "not a MIDI file (it does not start with an MThd header)";
  if (u32(4) < 6) return "corrupt MIDI header (shorter than 6 bytes)";
  const format = u16(8);
  const trackCount = u16(10);
  const division = u16(12);
  if (format > 2) return `corrupt MIDI header: format ${format} (a Standard MIDI File is format 0, 1 or 2)`;
  if (format === 2) return "MIDI format 2 (independent sequences) is not supported";
  if (division & 0x8000) return "SMPTE time division is not supported (only ticks per beat)";
  if (division === 0) return "corrupt MIDI header (0 ticks per beat)";

  let at = 8 + u32(4);
  let found = 0;
  while (found < trackCount) {
    if (at + 8 > bytes.length) return `truncated: the header promises ${countOf(trackCount, "track")}, the file ends after ${found}`;
    const length = u32(at + 4);
    if (at + 8 + length > bytes.length) return `truncated: track ${found + 1} runs past the end of the file`;
    if (id(at) === "MTrk") found++;
    else return `corrupt: expected a track chunk (MTrk) at byte ${at}, found '${id(at)}'`;
    at += 8 + length;
  }
  return null;
}
