/**
 * The shared piece: one Y.Doc per piece. It holds the music and its provenance, nothing local
 * (zoom, tool, scroll and the local selection live in the editor's own state).
 *
 *   meta        Y.Map   bpm, beatsPerBar, beatUnit, title, key (absent: no key set)
 *   tracks      Y.Map   trackId -> Track   (plain JSON values, replaced whole on edit)
 *   notes       Y.Map   noteId  -> Note    (independent entries, replaced whole on edit)
 *   chords      Y.Map   tick (as a string) -> chord symbol a person typed for the bar or half bar there
 *   provenance  Y.Map   noteId  -> Provenance   written by the server only; client writes are reverted
 *   generations Y.Map   generationId -> GenerationView   written by the server only (ghost candidates)
 *   candidateParts Y.Map  generationId/candidate/seq -> Note[]   a running generation's notes as they stream, written by
 *                       the server only (lib/candidate-parts.ts)
 *   jams        Y.Map   jamId -> JamView   written by the server only (live jams, lib/jam/view.ts)
 *   clientOwners Y.Map  Yjs clientID -> userId   written by the server only: whose connection may write under it
 */
import * as Y from "yjs";
import { z } from "zod";
import { readChordSymbol } from "./chords";
import type { JamView } from "./jam/view";
import { MODES } from "./key";

export const TRACK_ROLES = ["melody", "counter", "chords", "bass", "drums"] as const;
export type TrackRole = (typeof TRACK_ROLES)[number];

/** The instruments the editor offers; older docs may hold other names, which play as piano. */
export const INSTRUMENTS = ["piano", "bass", "pad", "lead", "drums"] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
/** A track's gain (0..1) when the doc does not say: docs written before volume existed. */
export const DEFAULT_TRACK_VOLUME = 0.8;

export const trackSchema = z.object({
  name: z.string().min(1).max(60),
  role: z.enum(TRACK_ROLES),
  instrument: z.string().min(1).max(40),
  order: z.number().int().min(0).max(63),
  volume: z.number().min(0).max(1).optional(), // shared; absent = DEFAULT_TRACK_VOLUME
});
export type Track = z.infer<typeof trackSchema>;

export const trackVolume = (t: Pick<Track, "volume"> | undefined): number => t?.volume ?? DEFAULT_TRACK_VOLUME;
/** Drum tracks show General MIDI drum names on the keyboard and play the kit. */
export const isDrumTrack = (t: Pick<Track, "role" | "instrument"> | undefined): boolean =>
  t?.role === "drums" || t?.instrument === "drums";

export const MAX_TICK = 480 * 4 * 2000; // 2000 bars of 4/4
/** The most notes a piece holds: a MIDI import and a client's edits alike stop here. */
export const MAX_PIECE_NOTES = 50_000;
export const noteSchema = z.object({
  track: z.string().min(1).max(64),
  pitch: z.number().int().min(0).max(127),
  start: z.number().int().min(0).max(MAX_TICK),
  duration: z.number().int().min(1).max(480 * 4 * 64),
  velocity: z.number().int().min(1).max(127),
});
export type Note = z.infer<typeof noteSchema>;
export type NoteWithId = Note & { id: string };

/**
 * The note a deleted note's provenance describes, as it was when deleted: a later create of the same id is a
 * restoration (an undo), keeping the credit, only when it brings back exactly this (server/collab/note-credit.ts).
 */
const deletedNote = { deleted: noteSchema.optional() };

/**
 * People are named by id: their names are looked up where they are shown (lib/authorship/people-names.ts), so a long
 * name is not copied into every note. `name` and `acceptedByName` are only in documents written before that.
 */
export const provenanceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("human"),
    userId: z.string(),
    name: z.string().optional(),
    editedBy: z.array(z.string()).optional(),
    ...deletedNote,
  }),
  z.object({
    kind: z.literal("model"),
    model: z.string(),
    version: z.string(),
    generationId: z.string(),
    acceptedBy: z.string(),
    acceptedByName: z.string().optional(),
    editedBy: z.array(z.string()).optional(),
    ...deletedNote,
  }),
]);
export type Provenance = z.infer<typeof provenanceSchema>;

export const generationViewSchema = z.object({
  id: z.string(),
  mode: z.enum(["infill", "continue"]),
  requestedBy: z.string(),
  requestedByName: z.string(),
  status: z.enum(["running", "ready", "failed"]),
  error: z.string().optional(),
  region: z.object({
    startBar: z.number().int(),
    endBar: z.number().int(),
    pitchLo: z.number().int(),
    pitchHi: z.number().int(),
    trackIds: z.array(z.string()),
  }),
  candidates: z.array(z.array(noteSchema)),
  createdAt: z.number(),
  /** While it waits for the model (status "running"): its place in the server's line, 1 being next. */
  queuePosition: z.number().int().min(1).optional(),
  /** The inference worker that wrote it, when a queue's worker did (REDIS_URL set). */
  worker: z.string().max(80).optional(),
});
export type GenerationView = z.infer<typeof generationViewSchema>;

export const pieceKeySchema = z.strictObject({ tonic: z.number().int().min(0).max(11), mode: z.enum(MODES) });

export const metaSchema = z.object({
  bpm: z.number().min(20).max(300),
  beatsPerBar: z.number().int().min(1).max(8),
  beatUnit: z.number().int().refine((u) => [2, 4, 8, 16].includes(u)),
  // A malformed key reads as no key rather than costing the piece its meter and tempo.
  key: pieceKeySchema.optional().catch(undefined),
});
export type PieceMeta = z.infer<typeof metaSchema>;

export const DEFAULT_META: PieceMeta = { bpm: 100, beatsPerBar: 4, beatUnit: 4 };

/** Chord overrides sit on a sixteenth: every bar and half-bar line of every meter the piece may have. */
export const CHORD_TICK_STEP = 120;
/** One a half bar of the longest piece. */
export const MAX_CHORD_OVERRIDES = 4000;
export const chordTickSchema = z.string().regex(/^(0|[1-9]\d{0,7})$/).transform(Number).pipe(z.number().int().max(MAX_TICK).multipleOf(CHORD_TICK_STEP));
export const chordOverrideSchema = z.string().refine((s) => {
  const read = readChordSymbol(s);
  return "normal" in read && read.normal === s;
}, "not a chord symbol as Tandem writes it");

export const DEFAULT_TRACKS: Record<string, Track> = {
  melody: { name: "Melody", role: "melody", instrument: "lead", order: 0 },
  chords: { name: "Chords", role: "chords", instrument: "piano", order: 1 },
  bass: { name: "Bass", role: "bass", instrument: "bass", order: 2 },
  drums: { name: "Drums", role: "drums", instrument: "drums", order: 3 },
};

export const docMaps = (doc: Y.Doc) => ({
  meta: doc.getMap<unknown>("meta"),
  tracks: doc.getMap<Track>("tracks"),
  notes: doc.getMap<Note>("notes"),
  chords: doc.getMap<string>("chords"),
  provenance: doc.getMap<Provenance>("provenance"),
  generations: doc.getMap<GenerationView>("generations"),
  candidateParts: doc.getMap<Note[]>("candidateParts"),
  jams: doc.getMap<JamView>("jams"),
  clientOwners: doc.getMap<string>("clientOwners"),
});

/** The root types of a piece; the server refuses an update that makes any other. */
export const KNOWN_ROOTS: readonly string[] = ["meta", "tracks", "notes", "chords", "provenance", "generations", "candidateParts", "jams", "clientOwners"];

/** Fills an empty document with the default meter, tempo and tracks (done by the server, once). */
export function initPieceDoc(doc: Y.Doc, origin: unknown = "server-init"): void {
  const { meta, tracks } = docMaps(doc);
  if (tracks.size > 0) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(DEFAULT_META)) meta.set(k, v);
    for (const [id, t] of Object.entries(DEFAULT_TRACKS)) tracks.set(id, t);
  }, origin);
}

export function readMeta(doc: Y.Doc): PieceMeta {
  const { meta } = docMaps(doc);
  const parsed = metaSchema.safeParse(Object.fromEntries(meta.entries()));
  return parsed.success ? parsed.data : DEFAULT_META;
}

export function readNotes(doc: Y.Doc): NoteWithId[] {
  const out: NoteWithId[] = [];
  docMaps(doc).notes.forEach((n, id) => out.push({ ...n, id }));
  return out;
}

export function readTracks(doc: Y.Doc): (Track & { id: string })[] {
  const out: (Track & { id: string })[] = [];
  docMaps(doc).tracks.forEach((t, id) => out.push({ ...t, id }));
  return out.sort((a, b) => a.order - b.order);
}

/** The chord symbols people typed, by tick; entries that do not check out are left out. */
export function readChordOverrides(doc: Y.Doc): Map<number, string> {
  const out = new Map<number, string>();
  docMaps(doc).chords.forEach((symbol, key) => {
    const tick = chordTickSchema.safeParse(key);
    if (tick.success && chordOverrideSchema.safeParse(symbol).success) out.set(tick.data, symbol);
  });
  return out;
}
