"use client";
/** One piece's Y.Doc, kept in sync through the /collab WebSocket (room = piece id). */
import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { COLLAB_PARAMS, collabUrl } from "./collab-url";
import { earlyOrNewWebSocket, type EarlySockets } from "./early-socket";
import { finalStatus } from "./final-status";
import { askForTheRestAfterPaint } from "./provenance-later";
import { isRoleChange } from "./role-change";
import { trackEdits } from "./track-edits";
import { UnsyncedEdits } from "./unsynced-edits";

/**
 * The last five are final: the server took the person's access or session away, closed the socket for good, or dropped
 * edits because the person may only view the piece now (final-status.ts).
 */
export type ConnectionStatus =
  | "connecting"
  | "syncing"
  | "connected"
  | "disconnected"
  | "removed"
  | "signed out"
  | "too many tabs"
  | "edit refused"
  | "view only";

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The person's edits the server has not confirmed yet, and whether the doc has synced once (unsynced-edits.ts). */
  edits: UnsyncedEdits;
}

/**
 * `early`: the socket the page opened while the editor's code loaded, for the first connection to adopt.
 * `roleChanges` counts the sockets the server closed because the person's role changed: re-read the role on each.
 */
export function useCollab(
  pieceId: string,
  early: EarlySockets | null = null,
): { collab: Collab | null; status: ConnectionStatus; roleChanges: number } {
  const [collab, setCollab] = useState<Collab | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [roleChanges, setRoleChanges] = useState(0);

  useEffect(() => {
    const doc = new Y.Doc();
    // No BroadcastChannel: every edit goes through the server, which checks roles and attributes it.
    // The first connection adopts the socket the page opened while this code loaded (early-socket.ts).
    const provider = new WebsocketProvider(collabUrl(window.location), pieceId, doc, {
      disableBc: true,
      WebSocketPolyfill: earlyOrNewWebSocket(early),
      params: { ...COLLAB_PARAMS },
    });
    // Edits go on in the local doc while the socket is down; the server gets them on reconnecting and answers for them.
    const edits = new UnsyncedEdits();
    const stopTracking = trackEdits(provider, edits, () => {
      // Sent as an editor, they reached the server after a demotion: it dropped them. Syncing on would show the person
      // a piece nobody else has, so the tab stops and says so; the role (and the tools) follow.
      provider.disconnect();
      setStatus("view only");
      setRoleChanges((n) => n + 1);
    });
    const stopAsking = askForTheRestAfterPaint(provider);
    const update = () => {
      const ws = provider.wsconnected;
      setStatus(ws ? (provider.synced ? "connected" : "syncing") : provider.wsconnecting ? "connecting" : "disconnected");
    };
    // 44xx closes (signed out, no access, too many tabs, an edit refused) are final: y-websocket stops retrying and says "closed", last.
    const closed = ({ code }: { code: number }) => setStatus(finalStatus(code));
    const connectionClosed = (event: CloseEvent | null) => {
      update();
      if (isRoleChange(event?.code)) setRoleChanges((n) => n + 1);
    };
    provider.on("status", update);
    provider.on("sync", update);
    provider.on("connection-close", connectionClosed);
    provider.on("closed", closed);
    setCollab({ doc, provider, edits });
    update();
    return () => {
      provider.off("status", update);
      provider.off("sync", update);
      provider.off("connection-close", connectionClosed);
      provider.off("closed", closed);
      stopTracking();
      stopAsking();
      provider.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [pieceId, early]);

  return { collab, status, roleChanges };
}
