"use client";
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { docVersion, subscribeDocVersion, type Frames } from "./doc-version";

const animationFrames: Frames = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
};

/** A number that changes after every transaction on the doc: a dependency for derived data (doc-version.ts). */
export function useDocVersion(doc: Y.Doc | null): number {
  return useSyncExternalStore(
    (onChange) => (doc ? subscribeDocVersion(doc, onChange, animationFrames) : () => {}),
    () => (doc ? docVersion(doc) : -1),
    () => -1,
  );
}
