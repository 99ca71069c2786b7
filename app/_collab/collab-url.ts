/** Where a piece's collab socket connects: /collab/<pieceId> on the page's own host. */
import { encodeQueryParams } from "lib0/url";
import { Acks, ProvenanceLater } from "@/lib/collab-protocol";

export function collabUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/** The editor's socket parameters: the notes first, their provenance after (provenance-later.ts); an answer to each edit sent (track-edits.ts). */
export const COLLAB_PARAMS: Readonly<Record<string, string>> = { [ProvenanceLater.param]: ProvenanceLater.value, [Acks.param]: Acks.value };

/** The URL y-websocket opens for a piece: its server URL, room name and parameters, encoded with the helper it uses. */
export function collabRoomUrl(location: Pick<Location, "protocol" | "host">, pieceId: string): string {
  return `${collabUrl(location)}/${pieceId}?${encodeQueryParams({ ...COLLAB_PARAMS })}`;
}
