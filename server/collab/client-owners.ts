/**
 * Which user each Yjs client id of a piece belongs to. A connection writes under client ids of its own only
 * (update-check.ts); an id is bound to the user whose connection first writes under it. The binding lives in the
 * document (a server-only map), so it outlives the room: a person who reconnects after the piece was unloaded, with
 * edits made offline under the same id, is still its owner, and nobody else ever becomes it.
 */
import type * as Y from "yjs";
import { docMaps } from "../../lib/doc-schema";
import { SERVER_REPAIR } from "./origins";

export const ownerOfClient = (doc: Y.Doc) => {
  const owners = docMaps(doc).clientOwners;
  return (client: number): string | undefined => owners.get(String(client));
};

/** Binds fresh client ids to `userId` (a server transaction of its own, before the client's update is applied). */
export function bindClients(doc: Y.Doc, clients: readonly number[], userId: string): void {
  if (clients.length === 0) return;
  const owners = docMaps(doc).clientOwners;
  doc.transact(() => {
    for (const c of clients) owners.set(String(c), userId);
  }, SERVER_REPAIR);
}
