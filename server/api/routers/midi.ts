import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { readMeta, readTracks, type Track } from "../../../lib/doc-schema";
import { MidiFormatError, parseMidiFile, type MidiPiece } from "../../../lib/midi";
import { placeAtBar, PlacementError } from "../../../lib/midi/place";
import { pieceTitle, TEXT_LIMITS } from "../../../lib/text-limits";
import { ImportTargetError } from "../../collab/import-notes";
import { requireRole } from "../membership";
import { createCallerFactory, createTRPCRouter, protectedProcedure } from "../trpc";
import { pieceRouter } from "./piece";

/** Largest MIDI file accepted (a long multi-track song is a few hundred KB). */
export const MAX_MIDI_BYTES = 1024 * 1024;
/** Most notes one import may write (the editor is tuned for songs of about 10,000). */
export const MAX_IMPORT_NOTES = 50_000;

const midiFile = z.object({
  name: z.string().trim().min(1).max(200),
  base64: z
    .string()
    .max(Math.ceil(MAX_MIDI_BYTES / 3) * 4, `The file is larger than ${MAX_MIDI_BYTES / 1024} KB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The file was not sent as base64"),
});

/** The file's notes and tracks, or a BAD_REQUEST that names the file and says what is wrong with it. */
function readFile(file: z.infer<typeof midiFile>): MidiPiece {
  let piece: MidiPiece;
  try {
    piece = parseMidiFile(new Uint8Array(Buffer.from(file.base64, "base64")), file.name);
  } catch (err) {
    if (err instanceof MidiFormatError) throw new TRPCError({ code: "BAD_REQUEST", message: `${err.message}. Nothing was imported.` });
    throw err;
  }
  if (piece.notes.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: `${file.name}: the file has no notes. Nothing was imported.` });
  if (piece.notes.length > MAX_IMPORT_NOTES) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `${file.name}: more than ${MAX_IMPORT_NOTES} notes. Nothing was imported.` });
  }
  return piece;
}

const stripId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
// A file name may hold characters a title may not (text-limits.ts): those become spaces.
const titleOf = (fileName: string) =>
  fileName.replace(/\.(mid|midi|smf)$/i, "").replace(/\p{Cc}/gu, " ").trim().slice(0, TEXT_LIMITS.title).trim() || "Imported MIDI";

export const midiRouter = createTRPCRouter({
  /** A new piece from a Standard MIDI File: its tempo, meter, tracks (mapped to roles) and notes, credited to the caller. */
  importPiece: protectedProcedure
    .input(z.object({ file: midiFile, title: pieceTitle.optional() }))
    .mutation(async ({ ctx, input }) => {
      const piece = readFile(input.file); // before anything is created: a bad file leaves no empty piece behind
      const { id: pieceId } = await createCallerFactory(pieceRouter)(ctx).create({ title: input.title ?? titleOf(input.file.name) });
      const tracks: Record<string, Track> = Object.fromEntries(piece.tracks.map((t) => [t.id, stripId(t)]));
      const noteIds = await ctx.collab.importNotes(pieceId, piece.notes.map(stripId), ctx.user, { meta: piece.meta, tracks });
      return { pieceId, noteCount: noteIds.length, trackCount: piece.tracks.length };
    }),

  /**
   * Every note of a MIDI file into one track of an open piece; the piece's tempo and meter stay. The notes keep
   * the file's times, or with atBar (0-based) the file's bar 1 starts at that bar of the piece (the cursor or playhead).
   */
  importIntoTrack: protectedProcedure
    .input(
      z.object({
        pieceId: z.string().min(1).max(64),
        trackId: z.string().min(1).max(64),
        file: midiFile,
        atBar: z.number().int().min(0).max(1999).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "editor");
      const piece = readFile(input.file);
      const target = await ctx.collab.readDoc(input.pieceId, (d) => ({ track: readTracks(d).find((t) => t.id === input.trackId), meta: readMeta(d) }));
      if (!target.track) throw new TRPCError({ code: "NOT_FOUND", message: "That track is not in this piece (it may have been removed)" });
      const notes = piece.notes.map((n) => ({ ...stripId(n), track: input.trackId }));
      const placed = input.atBar === undefined ? notes : place(notes, input.atBar, target.meta, input.file.name);
      try {
        const noteIds = await ctx.collab.importNotes(input.pieceId, placed, ctx.user);
        return { noteCount: noteIds.length, trackName: target.track.name };
      } catch (err) {
        // The track was removed between the check and the write.
        if (err instanceof ImportTargetError) throw new TRPCError({ code: "CONFLICT", message: `Nothing was imported: ${err.message}` });
        throw err;
      }
    }),
});

function place<T extends { start: number }>(notes: T[], bar: number, meter: Parameters<typeof placeAtBar>[2], fileName: string): T[] {
  try {
    return placeAtBar(notes, bar, meter);
  } catch (err) {
    if (err instanceof PlacementError) throw new TRPCError({ code: "BAD_REQUEST", message: `${fileName}: ${err.message}. Nothing was imported.` });
    throw err;
  }
}
