"use client";
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";

const versions = new WeakMap<Y.Doc, number>();

/** A number that changes after every transaction on the doc: a dependency for derived data. */
export function useDocVersion(doc: Y.Doc | null): number {
  return useSyncExternalStore(
    (onChange) => {
      if (!doc) return () => {};
      const bump = () => {
        versions.set(doc, (versions.get(doc) ?? 0) + 1);
        onChange();
      };
      doc.on("afterTransaction", bump);
      return () => doc.off("afterTransaction", bump);
    },
    () => (doc ? (versions.get(doc) ?? 0) : -1),
    () => -1,
  );
}
