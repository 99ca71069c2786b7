"use client";
/** One piece's Y.Doc, kept in sync through the /collab WebSocket (room = piece id). */
import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { collabParams, collabUrl } from "./collab-url";
import { earlyOrNewWebSocket, type EarlySockets } from "./early-socket";
import { finalStatus } from "./final-status";
import { listenToLocalUpdatesOnly } from "./local-updates";
import { askForTheRestAfterPaint } from "./provenance-later";

/** The last four are final: the server took the person's access or session away, or closed the socket for good (final-status.ts). */
export type ConnectionStatus = "connecting" | "syncing" | "connected" | "disconnected" | "removed" | "signed out" | "too many tabs" | "edit refused";

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** `early`: the socket the page opened while the editor's code loaded, for the first connection to adopt. */
export function useCollab(pieceId: string, early: EarlySockets | null = null): { collab: Collab | null; status: ConnectionStatus } {
  const [collab, setCollab] = useState<Collab | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");

  useEffect(() => {
    const doc = new Y.Doc();
    // No BroadcastChannel: every edit goes through the server, which checks roles and attributes it.
    // The first connection adopts the socket the page opened while this code loaded (early-socket.ts).
    const params = collabParams();
    const provider = new WebsocketProvider(collabUrl(window.location), pieceId, doc, {
      disableBc: true,
      WebSocketPolyfill: earlyOrNewWebSocket(early),
      params,
    });
    const unplug = listenToLocalUpdatesOnly(doc, provider, provider._updateHandler);
    const stopAsking = params.provenance === "later" ? askForTheRestAfterPaint(provider) : () => {};
    const update = () => {
      const ws = provider.wsconnected;
      setStatus(ws ? (provider.synced ? "connected" : "syncing") : provider.wsconnecting ? "connecting" : "disconnected");
    };
    // 44xx closes (signed out, no access, too many tabs, an edit refused) are final: y-websocket stops retrying and says "closed", last.
    const closed = ({ code }: { code: number }) => setStatus(finalStatus(code));
    provider.on("status", update);
    provider.on("sync", update);
    provider.on("connection-close", update);
    provider.on("closed", closed);
    setCollab({ doc, provider });
    update();
    return () => {
      provider.off("status", update);
      provider.off("sync", update);
      provider.off("connection-close", update);
      provider.off("closed", closed);
      unplug();
      stopAsking();
      provider.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [pieceId, early]);

  return { collab, status };
}
