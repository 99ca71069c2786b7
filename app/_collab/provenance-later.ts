/**
 * The editor opens a piece with `?provenance=later` (server/collab/sync-reply.ts): the server's first
 * sync reply brings the notes without their provenance, close to half the decoding of a big piece. Once
 * the notes are on screen the client sends sync step 1 again, now with a state vector, and the server's
 * diff brings the rest. Colour by author, the note history and the shares panel fill in then.
 */
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import { MessageType } from "@/lib/collab-protocol";

/** After every completed sync, once the next two frames are painted, asks the server for what the doc still lacks. */
export function askForTheRestAfterPaint(provider: WebsocketProvider, afterPaint = afterTwoFrames): () => void {
  let stopped = false;
  const onSync = (synced: boolean) => {
    if (!synced) return;
    afterPaint(() => {
      if (stopped || !provider.wsconnected || provider.ws === null) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep1(encoder, provider.doc);
      provider.ws.send(encoding.toUint8Array(encoder));
    });
  };
  provider.on("sync", onSync);
  return () => {
    stopped = true;
    provider.off("sync", onSync);
  };
}

function afterTwoFrames(fn: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(fn, 0)));
}
