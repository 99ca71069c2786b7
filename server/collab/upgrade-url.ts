/** What a collab socket's upgrade URL says: the piece it opens and the protocol options it asks for. */
import { Acks, ProvenanceLater } from "../../lib/collab-protocol";

const PIECE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The piece id in `/collab/<pieceId>` (query string ignored), or null for any other path. */
export function pieceIdOf(url: string | undefined, prefix: string): string | null {
  if (!url) return null;
  const { pathname } = new URL(url, "http://localhost");
  if (!pathname.startsWith(prefix + "/")) return null;
  const id = pathname.slice(prefix.length + 1);
  return PIECE_ID.test(id) ? id : null;
}

const queryParam = (url: string | undefined, name: string): string | null => new URL(url ?? "/", "http://localhost").searchParams.get(name);

/** Whether the socket's URL asks for the provenance after the notes (`?provenance=later`). */
export function provenanceLaterOf(url: string | undefined): boolean {
  return queryParam(url, ProvenanceLater.param) === ProvenanceLater.value;
}

/** Whether the socket's URL asks for a syncStatus answer to each document message (`?acks=1`). */
export function acksOf(url: string | undefined): boolean {
  return queryParam(url, Acks.param) === Acks.value;
}
