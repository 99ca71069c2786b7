/**
 * The pieces a run edits, made through the app as people make them: person p owns piece p and shares an editor invite
 * link (piece.createInvite), and everyone else assigned to the piece follows it (piece.acceptInvite).
 */
import { trpc } from "../../server/testing/real-server";
import type { Person } from "../collab/accounts";

const CONCURRENCY = 8;

/** The piece each person edits: person i is on piece i mod `count`. Returns the piece ids. */
export async function makePieces(base: string, people: readonly Person[], count: number, title: string): Promise<string[]> {
  if (people.length < count) throw new Error(`${count} pieces need at least ${count} people (got ${people.length})`);
  const pieces = await Promise.all(
    people.slice(0, count).map(async (owner, p) => {
      const { id } = await trpc<{ id: string }>(base, owner.cookie!, "piece.create", { title: `${title} ${p + 1}` });
      const { token } = await trpc<{ token: string }>(base, owner.cookie!, "piece.createInvite", { pieceId: id, role: "editor" });
      return { id, token };
    }),
  );
  let next = count;
  const join = async () => {
    while (next < people.length) {
      const i = next++;
      await trpc(base, people[i].cookie!, "piece.acceptInvite", { token: pieces[i % count].token });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, join));
  return pieces.map((p) => p.id);
}
