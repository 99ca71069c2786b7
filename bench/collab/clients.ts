/**
 * Simulated collaborators: real y-websocket providers over loopback. A write-mostly client sends
 * its own edits and does its initial sync, but skips the server's broadcast updates instead of
 * applying them, so 50 of them on a 2-core machine do not starve the servers under test; the few
 * observers apply everything.
 */
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MessageType, SyncStep } from "../../lib/collab-protocol";
import { openYClient } from "../../server/testing/y-client";

export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves at the first sync with the server (sync step 2 received). */
  synced: Promise<void>;
  /** Times the socket closed after it had opened (a reconnect follows). */
  closes(): number;
  destroy(): void;
}

export interface ClientOptions {
  cookie?: string;
  /** Apply other people's updates (observers and loaders) or skip them (write-mostly clients). */
  applyRemote: boolean;
}

export function connectClient(url: string, room: string, { cookie, applyRemote }: ClientOptions): BenchClient {
  const client = openYClient(url, room, cookie ?? null, { maxBackoffTime: 500 });
  if (!applyRemote) skipRemoteUpdates(client.provider);
  let closes = 0;
  client.provider.on("connection-close", () => closes++);
  return { ...client, closes: () => closes };
}

/** Leaves sync steps 1 and 2 to the stock handler; drops plain updates unread. */
export function skipRemoteUpdates(provider: WebsocketProvider): void {
  const handleSync = provider.messageHandlers[MessageType.sync];
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const at = decoder.pos;
    const syncType = decoding.readVarUint(decoder);
    decoder.pos = at;
    if (syncType === SyncStep.update) return; // nothing written: no reply is sent
    handleSync(encoder, decoder, p, emitSynced, messageType);
  };
}

