/** What each client shares through awareness: who they are, where their cursor is, what they select. */
import { z } from "zod";

const barRange = z.object({ startBar: z.number().int(), endBar: z.number().int() });

export const presenceSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), colour: z.string() }),
  cursor: z.object({ tick: z.number(), pitch: z.number() }).nullable().optional(),
  selection: z
    .union([z.object({ noteIds: z.array(z.string()) }), z.object({ region: barRange })])
    .nullable()
    .optional(),
});
export type Presence = z.infer<typeof presenceSchema>;
export type PresenceSelection = NonNullable<Presence["selection"]>;

export interface Peer extends Presence {
  clientId: number;
  isLocal: boolean;
}

/** Awareness states are untrusted input from other browsers: keep only the well-formed ones. */
export function readPeers(states: ReadonlyMap<number, unknown>, localClientId: number): Peer[] {
  const peers: Peer[] = [];
  states.forEach((state, clientId) => {
    const parsed = presenceSchema.safeParse(state);
    if (parsed.success) peers.push({ ...parsed.data, clientId, isLocal: clientId === localClientId });
  });
  return peers.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.user.name.localeCompare(b.user.name));
}

/** One person in the list of who is here; their tabs are each a peer (a cursor on the roll) but one person. */
export interface PersonHere {
  user: Presence["user"];
  isLocal: boolean;
  tabs: number;
}

/** The people behind the peers, each once, in readPeers' order (you first), with how many tabs each has open. */
export function peopleHere(peers: readonly Peer[]): PersonHere[] {
  const byUser = new Map<string, PersonHere>();
  for (const p of peers) {
    const person = byUser.get(p.user.id);
    if (person) person.tabs++;
    else byUser.set(p.user.id, { user: p.user, isLocal: p.isLocal, tabs: 1 });
  }
  return [...byUser.values()];
}
