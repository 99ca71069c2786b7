"use client";
/** Publishes this person's identity, and their selection, region and pointer as the editor store changes (editor-presence.ts). */
import { useEffect } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { Presence } from "@/app/_collab/presence";
import { useLocalPresence } from "@/app/_collab/use-peers";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { presenceChanges } from "./editor-presence";

export function useEditorPresence(store: EditorStore, awareness: Awareness | null, user: Presence["user"]) {
  const setPresence = useLocalPresence(awareness, user);
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        const patch = presenceChanges(state, previous);
        if (patch.selection !== undefined) setPresence("selection", patch.selection);
        if (patch.cursor !== undefined) setPresence("cursor", patch.cursor);
      }),
    [store, setPresence],
  );
}
