/**
 * Cuts a Yjs update into updates of at most `maxStructs` structs each, which applied in order have the effect of the
 * whole. The server refuses a message that writes more than MAX_STRUCTS_PER_MESSAGE entries
 * (server/collab/update-check.ts), and a day's offline work can be more than that in one sync step 2.
 *
 * Each part holds a run of the update's structs as they come (client by client, clock after clock), so every part
 * follows on from the parts before it, as the server's check requires. The delete set goes with the last part, where
 * every item it deletes has arrived. Written as Yjs's own writeStructs and writeDeleteSet write them (V1 encoding).
 */
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

type Struct = Y.Item | Y.GC | Y.Skip;
interface DeleteSet {
  clients: Map<number, { clock: number; len: number }[]>;
}

/** `update` itself when it is small enough, else its parts in the order they must be applied. */
export function splitUpdate(update: Uint8Array, maxStructs: number): Uint8Array[] {
  if (!(maxStructs >= 1)) throw new RangeError(`maxStructs must be at least 1, not ${maxStructs}`);
  const { structs, ds } = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  if (structs.length <= maxStructs) return [update];
  const parts: Uint8Array[] = [];
  for (let from = 0; from < structs.length; from += maxStructs) {
    const last = from + maxStructs >= structs.length;
    parts.push(encodePart(structs.slice(from, from + maxStructs), last ? ds : null));
  }
  return parts;
}

function encodePart(structs: Struct[], ds: DeleteSet | null): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const runs: Struct[][] = [];
  for (const s of structs) {
    const run = runs.at(-1);
    if (run !== undefined && run[0].id.client === s.id.client) run.push(s);
    else runs.push([s]);
  }
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(run[0].id.client);
    encoding.writeVarUint(encoder.restEncoder, run[0].id.clock);
    for (const s of run) s.write(encoder, 0);
  }
  const clients = ds === null ? [] : [...ds.clients];
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, items] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, items.length);
    for (const { clock, len } of items) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
