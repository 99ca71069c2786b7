"use client";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { SyncState, UnsyncedEdits } from "./unsynced-edits";

const NOTHING_YET: SyncState = { loaded: false, unsynced: 0, catchingUp: false, refused: 0 };
const noSubscription = () => () => {};

/** The open piece's edit count, for the parts of the page that show it without the editor's props (the header's connection status). */
export const EditsContext = createContext<UnsyncedEdits | null>(null);

/** Whether the doc has synced once, and the person's edits still to sync (unsynced-edits.ts). */
export function useSyncState(edits: UnsyncedEdits | null): SyncState {
  return useSyncExternalStore(edits?.subscribe ?? noSubscription, edits?.snapshot ?? (() => NOTHING_YET), () => NOTHING_YET);
}

/** useSyncState for the piece the page has open (EditsContext). */
export const usePieceSyncState = (): SyncState => useSyncState(useContext(EditsContext));
