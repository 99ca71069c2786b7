/**
 * Feeds UnsyncedEdits (unsynced-edits.ts) from a y-websocket provider: the person's edits as they are made, the sync
 * step 2 that carries the offline ones on reconnecting, the server's syncStatus answers, and lost connections. The
 * provider must connect with `?acks=1` (collab-url.ts), or no answer ever comes.
 */
import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { MessageType, SyncStatus, SyncStep } from "@/lib/collab-protocol";
import type { UnsyncedEdits } from "./unsynced-edits";

/** Starts counting; `onDropped(n)` hears of edits the server dropped because the person may not write. Returns a stop. */
export function trackEdits(provider: WebsocketProvider, edits: UnsyncedEdits, onDropped: (count: number) => void): () => void {
  const { doc } = provider;
  // The provider sends a local transaction's update at once when its socket is open (y-websocket's broadcastMessage),
  // and otherwise not at all: the server gets it in the sync step 2 of the next connection.
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === provider || !changesDoc(tr)) return;
    const ws = provider.ws;
    edits.edit(provider.wsconnected && ws !== null && ws.readyState === ws.OPEN);
  };
  doc.on("afterTransaction", onTransaction);

  const handlers = provider.messageHandlers;
  const handleSync = handlers[MessageType.sync];
  handlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const step = decoding.peekVarUint(decoder);
    handleSync(encoder, decoder, p, emitSynced, messageType);
    // The answer to the server's step 1, written into `encoder`, goes out as soon as this returns.
    if (step === SyncStep.step1) edits.catchUpSent();
  };
  handlers[MessageType.syncStatus] = (_encoder, decoder) => {
    const dropped = edits.answered(decoding.readVarUint(decoder) === SyncStatus.applied);
    if (dropped > 0) onDropped(dropped);
  };

  const onSync = (synced: boolean) => synced && edits.synced();
  const onClose = () => edits.connectionLost();
  provider.on("sync", onSync);
  provider.on("connection-close", onClose);
  if (provider.synced) edits.synced();

  return () => {
    doc.off("afterTransaction", onTransaction);
    handlers[MessageType.sync] = handleSync;
    delete handlers[MessageType.syncStatus];
    provider.off("sync", onSync);
    provider.off("connection-close", onClose);
  };
}

/** Whether a transaction changed the doc: what makes Yjs emit an update for it (its delete set, or new structs). */
function changesDoc(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}
