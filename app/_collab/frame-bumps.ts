/**
 * When the page hears of a change to the doc: at once, or, for a change that only moves the ghost candidates (a
 * generation's view or its streamed notes), once in the next animation frame with every other such change. Twelve
 * generations streaming into a piece change it many times a second, and each change re-rendered the whole editor.
 */
import type * as Y from "yjs";
import { docMaps } from "@/lib/doc-schema";

export interface FrameBumps {
  /** A change to show now; one waiting for the next frame is shown with it. */
  now(): void;
  /** A change that can wait for the next frame, shown once with any others that come before it. */
  nextFrame(): void;
  dispose(): void;
}

export function frameBumps(bump: () => void, requestFrame: (cb: () => void) => number, cancelFrame: (id: number) => void): FrameBumps {
  let frame: number | null = null;
  const cancel = () => {
    if (frame !== null) cancelFrame(frame);
    frame = null;
  };
  return {
    now() {
      cancel();
      bump();
    },
    nextFrame() {
      frame ??= requestFrame(() => {
        frame = null;
        bump();
      });
    },
    dispose: cancel,
  };
}

/** Whether a transaction changed only the ghost candidates' maps. */
export function onlyGhosts(doc: Y.Doc, tr: Y.Transaction): boolean {
  const { generations, candidateParts } = docMaps(doc);
  const ghosts = new Set<unknown>([generations, candidateParts]);
  if (tr.changed.size === 0) return false;
  for (const type of tr.changed.keys()) if (!ghosts.has(type)) return false;
  return true;
}
