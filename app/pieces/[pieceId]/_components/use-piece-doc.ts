"use client";
/** Plain snapshots of the shared document, recomputed when the doc version changes. */
import { useMemo } from "react";
import type * as Y from "yjs";
import { docMaps, readMeta, readNotes, readTracks, type GenerationView, type Provenance, type Track } from "@/lib/doc-schema";

export function usePieceDoc(doc: Y.Doc, version: number) {
  return useMemo(() => {
    const maps = docMaps(doc);
    const tracks = readTracks(doc);
    const generations: GenerationView[] = [...maps.generations.values()].sort((a, b) => a.createdAt - b.createdAt);
    return {
      version,
      meta: readMeta(doc),
      notes: readNotes(doc),
      tracks,
      trackMap: new Map<string, Track>(tracks.map((t) => [t.id, t])),
      provenance: new Map<string, Provenance>(maps.provenance.entries()),
      generations,
    };
  }, [doc, version]);
}

export type PieceSnapshot = ReturnType<typeof usePieceDoc>;
