/** Where a piece's collab socket connects: /collab/<pieceId> on the page's own host. */
import { encodeQueryParams } from "lib0/url";

declare global {
  interface Window {
    /**
     * For the piano-roll bench: open the piece the way the client did before early-socket.ts and
     * provenance-later.ts (its baseline): connect once the editor's code has loaded, everything in one sync.
     */
    __tandemCollabProbe?: { previousOpen?: boolean };
  }
}

export function collabUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/** The editor's socket parameters: the notes first, their provenance after (provenance-later.ts). */
export function collabParams(): Record<string, string> {
  return globalThis.window?.__tandemCollabProbe?.previousOpen ? {} : { provenance: "later" };
}

/** The URL y-websocket opens for a piece: its server URL, room name and parameters, encoded with the helper it uses. */
export function collabRoomUrl(location: Pick<Location, "protocol" | "host">, pieceId: string, params = collabParams()): string {
  const query = encodeQueryParams(params);
  return `${collabUrl(location)}/${pieceId}${query ? `?${query}` : ""}`;
}
