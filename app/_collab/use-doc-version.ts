"use client";
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { frameBumps, onlyGhosts } from "./frame-bumps";

const versions = new WeakMap<Y.Doc, number>();

/**
 * A number that changes after every transaction on the doc: a dependency for derived data. Transactions that only move
 * the ghost candidates change it once an animation frame (frame-bumps.ts).
 */
export function useDocVersion(doc: Y.Doc | null): number {
  return useSyncExternalStore(
    (onChange) => {
      if (!doc) return () => {};
      const bumps = frameBumps(
        () => {
          versions.set(doc, (versions.get(doc) ?? 0) + 1);
          onChange();
        },
        requestAnimationFrame,
        cancelAnimationFrame,
      );
      const heard = (tr: Y.Transaction) => (onlyGhosts(doc, tr) ? bumps.nextFrame() : bumps.now());
      doc.on("afterTransaction", heard);
      return () => {
        doc.off("afterTransaction", heard);
        bumps.dispose();
      };
    },
    () => (doc ? (versions.get(doc) ?? 0) : -1),
    () => -1,
  );
}
