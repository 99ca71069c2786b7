/**
 * Plain snapshots of a piece's Y.Doc for React. Each part (notes, provenance, tracks, meta, chord symbols, generations, jams)
 * is rebuilt only after a transaction that changed its map, so an edit to one note does not copy the
 * tracks and generations, and a tempo change does not copy 10,000 notes and their provenance; parts
 * that did not change keep their identity, and memos that depend on them keep their results. A running generation's
 * notes stream in as parts (lib/candidate-parts.ts), taken in as they come: a part costs its own notes, never the piece.
 */
import type * as Y from "yjs";
import { createStreamedCandidates, withStreamed } from "@/lib/candidate-parts";
import { docMaps, readChordOverrides, readMeta, readNotes, readTracks, type GenerationView, type NoteWithId, type PieceMeta, type Provenance, type Track } from "@/lib/doc-schema";
import type { JamView } from "@/lib/jam/view";

export interface PieceParts {
  meta: PieceMeta;
  notes: NoteWithId[];
  tracks: (Track & { id: string })[];
  trackMap: Map<string, Track>;
  provenance: Map<string, Provenance>;
  generations: GenerationView[];
  /** Live jams and takes waiting for Keep or Discard, oldest first. */
  jams: JamView[];
  /** Chord symbols people typed, by tick. */
  chords: Map<number, string>;
}

type MapName = keyof ReturnType<typeof docMaps>;
const MAP_NAMES: MapName[] = ["meta", "tracks", "notes", "chords", "provenance", "generations", "jams"];

export interface SnapshotReader {
  /** The current parts; the same objects as the last read for maps no transaction has changed since. */
  read(): PieceParts;
}

const readers = new WeakMap<Y.Doc, SnapshotReader>();

/** One reader per doc: it listens for as long as the doc lives. */
export function snapshotReader(doc: Y.Doc): SnapshotReader {
  let reader = readers.get(doc);
  if (!reader) {
    reader = createReader(doc);
    readers.set(doc, reader);
  }
  return reader;
}

function createReader(doc: Y.Doc): SnapshotReader {
  const maps = docMaps(doc);
  const nameOf = new Map<unknown, MapName>(MAP_NAMES.map((name) => [maps[name], name]));
  nameOf.set(maps.candidateParts, "generations"); // streamed notes change the generations shown
  const streamed = createStreamedCandidates();
  maps.candidateParts.forEach((notes, key) => streamed.add(key, notes));
  maps.candidateParts.observe((e) =>
    e.changes.keys.forEach((change, key) => {
      if (change.action !== "add") streamed.remove(key);
      if (change.action !== "delete") streamed.add(key, maps.candidateParts.get(key)!);
    }),
  );
  // Each generation as last shown, kept while neither its view nor its streamed notes change.
  let shown = new Map<string, { view: GenerationView; notes: unknown; out: GenerationView }>();
  const readGenerations = (): GenerationView[] => {
    const next = new Map<string, { view: GenerationView; notes: unknown; out: GenerationView }>();
    const out = [...maps.generations.values()].map((view) => {
      const notes = streamed.candidatesOf(view.id);
      const before = shown.get(view.id);
      const entry = before && before.view === view && before.notes === notes ? before : { view, notes, out: withStreamed(view, notes) };
      next.set(view.id, entry);
      return entry.out;
    });
    shown = next;
    return out.sort((a, b) => a.createdAt - b.createdAt);
  };
  const dirty = new Set<MapName>(MAP_NAMES);
  // tr.changed holds the types whose own entries changed: one lookup per changed map, not per entry.
  doc.on("afterTransaction", (tr: Y.Transaction) => {
    tr.changed.forEach((_, type) => {
      const name = nameOf.get(type);
      if (name) dirty.add(name);
    });
  });
  let parts: PieceParts | null = null;
  return {
    read() {
      if (parts && dirty.size === 0) return parts;
      const prev = parts;
      const fresh = (name: MapName) => prev === null || dirty.has(name);
      const tracks = fresh("tracks") ? readTracks(doc) : prev!.tracks;
      parts = {
        meta: fresh("meta") ? readMeta(doc) : prev!.meta,
        notes: fresh("notes") ? readNotes(doc) : prev!.notes,
        tracks,
        trackMap: fresh("tracks") ? new Map(tracks.map((t) => [t.id, t])) : prev!.trackMap,
        provenance: fresh("provenance") ? new Map(maps.provenance.entries()) : prev!.provenance,
        generations: fresh("generations") ? readGenerations() : prev!.generations,
        chords: fresh("chords") ? readChordOverrides(doc) : prev!.chords,
        jams: fresh("jams") ? [...maps.jams.values()].sort((a, b) => a.createdAt - b.createdAt) : prev!.jams,
      };
      dirty.clear();
      return parts;
    },
  };
}
