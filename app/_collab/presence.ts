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
