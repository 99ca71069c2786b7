/**
 * Plain snapshots of a piece's Y.Doc for React. Each part (notes, provenance, tracks, meta, chord symbols, generations, jams)
 * is rebuilt only after a transaction that changed its map, so an edit to one note does not copy the
 * tracks and generations, and a tempo change does not copy 10,000 notes and their provenance; parts
 * that did not change keep their identity, and memos that depend on them keep their results.
 */
import type * as Y from "yjs";
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
        generations: fresh("generations") ? [...maps.generations.values()].sort((a, b) => a.createdAt - b.createdAt) : prev!.generations,
        chords: fresh("chords") ? readChordOverrides(doc) : prev!.chords,
        jams: fresh("jams") ? [...maps.jams.values()].sort((a, b) => a.createdAt - b.createdAt) : prev!.jams,
      };
      dirty.clear();
      return parts;
    },
  };
}
