/**
 * A number that changes after every transaction on the doc, and the subscription that tells React of it
 * (use-doc-version.ts). A transaction that only moves the ghost candidates is told once an animation frame with the
 * others (frame-bumps.ts).
 */
import type * as Y from "yjs";
import { frameBumps, onlyGhosts } from "./frame-bumps";

const versions = new WeakMap<Y.Doc, number>();

export const docVersion = (doc: Y.Doc): number => versions.get(doc) ?? 0;

export interface Frames {
  request(cb: () => void): number;
  cancel(id: number): void;
}

/** Calls `onChange` after the doc's transactions; returns the function that stops it. */
export function subscribeDocVersion(doc: Y.Doc, onChange: () => void, frames: Frames): () => void {
  const bumps = frameBumps(onChange, frames.request, frames.cancel);
  const heard = (tr: Y.Transaction) => {
    // The version changes at once, only the telling waits: a render before the frame reads the doc as it is, and React,
    // subscribing again after a render (which drops the frame), sees the version it has not rendered yet.
    versions.set(doc, docVersion(doc) + 1);
    if (onlyGhosts(doc, tr)) bumps.nextFrame();
    else bumps.now();
  };
  doc.on("afterTransaction", heard);
  return () => {
    doc.off("afterTransaction", heard);
    bumps.dispose();
  };
}
