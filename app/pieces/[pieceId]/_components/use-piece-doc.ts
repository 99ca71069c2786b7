"use client";
/** Plain snapshots of the shared document, recomputed when the doc version changes (see piece-snapshot.ts). */
import { useMemo } from "react";
import type * as Y from "yjs";
import { snapshotReader } from "./piece-snapshot";

export function usePieceDoc(doc: Y.Doc, version: number) {
  return useMemo(() => ({ version, ...snapshotReader(doc).read() }), [doc, version]);
}

export type PieceSnapshot = ReturnType<typeof usePieceDoc>;
