import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { COLLAB_PARAMS, collabRoomUrl, collabUrl } from "./collab-url";

describe("collabRoomUrl", () => {
  it("is the URL the editor's y-websocket provider opens, so the provider can adopt the page's early socket", () => {
    const location = { protocol: "https:", host: "tandem.example:8443" };
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabUrl(location), "p1", doc, {
      connect: false,
      disableBc: true,
      params: { ...COLLAB_PARAMS },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    expect(collabRoomUrl(location, "p1")).toBe(provider.url);
    expect(provider.url).toBe("wss://tandem.example:8443/collab/p1?provenance=later&acks=1");
    provider.destroy();
    doc.destroy();
  });
});
