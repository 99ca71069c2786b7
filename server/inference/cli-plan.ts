/** The command line's request against the piece read: the region to write, and the piece and files that come out. */
import { extname } from "node:path";
import type { Note, NoteWithId, Track } from "../../lib/doc-schema";
import type { MidiPiece } from "../../lib/midi";
import { substituteRegion, type Region } from "../../lib/region";
import { ticksPerBar } from "../../lib/time";
import { UsageError, type CliOptions } from "./cli-args";

/** Track names (exact, any case) or roles as in the file -> document track ids. */
export function resolveTracks(items: string[] | null, tracks: (Track & { id: string })[], file: string): string[] {
  if (items === null) return tracks.map((t) => t.id);
  const ids = items.flatMap((item) => {
    const named = tracks.filter((t) => t.name.toLowerCase() === item.toLowerCase());
    const found = named.length > 0 ? named : tracks.filter((t) => t.role === item.toLowerCase());
    if (found.length === 0) {
      const known = tracks.map((t) => `${t.name} (${t.role})`).join(", ") || "none";
      throw new UsageError(`--tracks: ${file} has no track named or playing '${item}' (its tracks: ${known})`);
    }
    return found.map((t) => t.id);
  });
  return [...new Set(ids)];
}

/** The piece's length in whole bars, as the inference service counts it: up to the end of the last note. */
export function pieceBars(piece: Pick<MidiPiece, "meta" | "notes">): number {
  const end = piece.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  return Math.ceil(end / ticksPerBar(piece.meta));
}

/** The command line's bars as the service's 0-based, end-exclusive region, checked against the piece. */
export function planRegion(opts: CliOptions, piece: MidiPiece, file: string): Region {
  if (piece.tracks.length === 0) throw new UsageError(`${file}: has no notes to ${opts.mode === "infill" ? "infill" : "continue"}`);
  const bars = pieceBars(piece);
  if (opts.mode === "infill" && opts.last > bars) {
    const where = opts.first === opts.last ? `bar ${opts.first} is` : `bars ${opts.first}-${opts.last} are`;
    throw new UsageError(`--infill: ${where} outside ${file}, which has ${bars} bars (use --continue to add bars after its end)`);
  }
  const [startBar, endBar] = opts.mode === "infill" ? [opts.first - 1, opts.last] : [bars, bars + opts.count];
  const trackIds = resolveTracks(opts.tracks, piece.tracks, file);
  return { startBar, endBar, pitchLo: opts.pitchLo, pitchHi: opts.pitchHi, trackIds };
}

/** The piece with the region's old notes replaced by a candidate's (a note belongs to the bar it starts in). */
export function applyCandidate(piece: MidiPiece, region: Region, candidate: Note[]): NoteWithId[] {
  return substituteRegion(piece.notes, region, candidate.map((n, i) => ({ ...n, id: `generated-${i + 1}` })), piece.meta);
}

/** out.mid for one candidate; out-1.mid, out-2.mid, ... for several. */
export function outputPaths(out: string, candidates: number): string[] {
  if (candidates === 1) return [out];
  const ext = extname(out);
  return Array.from({ length: candidates }, (_, i) => `${out.slice(0, out.length - ext.length)}-${i + 1}${ext}`);
}
