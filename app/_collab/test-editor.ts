/**
 * Test support: the browser editor's collab client in Node, against the test harness (server/collab/test-harness.ts).
 * It connects with the editor's parameters (collab-url.ts), asks for the provenance after a paint the test triggers
 * (provenance-later.ts) and counts the person's edits still to sync (track-edits.ts).
 */
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { socketClass } from "../../server/collab/test-harness";
import { COLLAB_PARAMS } from "./collab-url";
import { askForTheRestAfterPaint } from "./provenance-later";
import { trackEdits } from "./track-edits";
import { UnsyncedEdits } from "./unsynced-edits";

export interface TestEditor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  edits: UnsyncedEdits;
  /** How many edits the server dropped, each time it did (the person may not write). */
  dropped: number[];
  /** Runs what waits for the first paint: the request for the provenance. */
  paint(): void;
  destroy(): void;
}

export function openTestEditor(url: string, pieceId: string, userId: string): TestEditor {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, pieceId, doc, {
    WebSocketPolyfill: socketClass(userId) as unknown as typeof WebSocket,
    disableBc: true,
    params: { ...COLLAB_PARAMS },
    maxBackoffTime: 100,
  });
  const painted: (() => void)[] = [];
  const stopAsking = askForTheRestAfterPaint(provider, (fn) => painted.push(fn));
  const edits = new UnsyncedEdits();
  const dropped: number[] = [];
  const stopTracking = trackEdits(provider, edits, (n) => dropped.push(n));
  return {
    doc,
    provider,
    edits,
    dropped,
    paint: () => painted.splice(0).forEach((fn) => fn()),
    destroy() {
      stopTracking();
      stopAsking();
      provider.destroy();
      doc.destroy();
    },
  };
}
