"use client";
/** React's view of the editor store: a component re-renders only when the slice it reads changes. */
import { useSyncExternalStore } from "react";
import { toolFor, trackFor, type EditorState } from "./editor-state";
import type { EditorStore } from "./editor-store";

/** A slice of the editor's state; `slice` must return a field, a primitive or a value the store keeps (no new objects). */
export function useEditor<T>(store: EditorStore, slice: (s: EditorState) => T): T {
  const read = () => slice(store.getState());
  return useSyncExternalStore(store.subscribe, read, read);
}

export const useTool = (store: EditorStore, readOnly: boolean): EditorState["tool"] => toolFor(useEditor(store, (s) => s.tool), readOnly);

export const useTrack = (store: EditorStore, tracks: readonly { id: string }[]): string =>
  trackFor(useEditor(store, (s) => s.track), tracks.map((t) => t.id));
