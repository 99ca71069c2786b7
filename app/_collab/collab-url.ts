/** Where a piece's collab socket connects: /collab/<pieceId> on the page's own host. */
export function collabUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/** The URL y-websocket opens for a piece (its server URL and room name, no parameters). */
export function collabRoomUrl(location: Pick<Location, "protocol" | "host">, pieceId: string): string {
  return `${collabUrl(location)}/${pieceId}`;
}
