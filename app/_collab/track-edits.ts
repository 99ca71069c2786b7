/**
 * Feeds UnsyncedEdits (unsynced-edits.ts) from a y-websocket provider: the person's edits as they are made, the sync
 * step 2 that carries the offline ones on reconnecting, the server's syncStatus answers, and lost connections. The
 * provider must connect with `?acks=1` (collab-url.ts), or no answer ever comes.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MAX_STRUCTS_PER_MESSAGE, MessageType, SyncStatus, SyncStep } from "@/lib/collab-protocol";
import { listenToLocalUpdatesOnly } from "./local-updates";
import { splitUpdate } from "./split-update";
import type { UnsyncedEdits } from "./unsynced-edits";

/**
 * Starts counting, and takes over sending the person's edits from the provider: each goes in parts the server takes
 * (split-update.ts), and only edits go (listenToLocalUpdatesOnly). `onDropped(n)` hears of edits the server dropped
 * because the person may not write. Returns a stop.
 */
export function trackEdits(provider: WebsocketProvider, edits: UnsyncedEdits, onDropped: (count: number) => void): () => void {
  const { doc } = provider;
  // The provider sends what it is given at once when its socket is open (y-websocket's broadcastMessage), and
  // otherwise not at all: the server gets the edit in the sync step 2 of the next connection.
  const sendEdit = (update: Uint8Array, origin: unknown) => {
    const ws = provider.ws;
    const open = provider.wsconnected && ws !== null && ws.readyState === ws.OPEN;
    const parts = open ? splitUpdate(update, MAX_STRUCTS_PER_MESSAGE) : [];
    for (const part of parts) provider._updateHandler(part, origin);
    edits.edit(open, parts.length);
  };
  doc.off("update", provider._updateHandler);
  doc.on("update", sendEdit);
  const unplug = listenToLocalUpdatesOnly(doc, provider, sendEdit);

  const handlers = provider.messageHandlers;
  const handleSync = handlers[MessageType.sync];
  handlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
    if (decoding.peekVarUint(decoder) !== SyncStep.step1) return handleSync(encoder, decoder, p, emitSynced, messageType);
    // The answer to the server's step 1: what it lacks, in parts it takes (split-update.ts), sent now and in order.
    decoding.readVarUint(decoder);
    const parts = splitUpdate(Y.encodeStateAsUpdate(doc, decoding.readVarUint8Array(decoder)), MAX_STRUCTS_PER_MESSAGE);
    parts.forEach((part, i) => provider.ws?.send(syncMessage(i === 0 ? SyncStep.step2 : SyncStep.update, part)));
    edits.catchUpSent(parts.length);
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
    unplug();
    doc.off("update", sendEdit);
    doc.on("update", provider._updateHandler);
    handlers[MessageType.sync] = handleSync;
    delete handlers[MessageType.syncStatus];
    provider.off("sync", onSync);
    provider.off("connection-close", onClose);
  };
}

function syncMessage(step: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}
