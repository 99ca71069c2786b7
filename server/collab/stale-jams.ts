/**
 * A jam lives in the memory of the process that runs it; one still in a document that is only now being loaded was
 * cut off (a server stop), or its piece was unloaded with nobody watching: nobody can play or keep it, so it goes.
 * With other app processes, a jam one of them still runs stays, and so does one whose process died: another process
 * takes its take over (server/jam/adopt.ts). Generations left running: stale-generations.ts.
 */
import type * as Y from "yjs";
import { docMaps } from "../../lib/doc-schema";
import { SERVER_JAM } from "./origins";

/** Removes from a document being loaded the jams no process runs or will adopt, in one transaction. */
export async function dropStaleJams(doc: Y.Doc, jamsAlive?: (jamIds: string[]) => Promise<Set<string>>): Promise<void> {
  const { jams } = docMaps(doc);
  if (jams.size === 0) return;
  const ids = [...jams.keys()];
  // Redis out of reach: all stay, and the processes' upkeep removes those whose process died (server/jam/cluster-hub.ts).
  const alive = jamsAlive ? await jamsAlive(ids).catch(() => new Set(ids)) : new Set<string>();
  const stale = ids.filter((id) => !alive.has(id));
  if (stale.length > 0) doc.transact(() => stale.forEach((id) => jams.delete(id)), SERVER_JAM);
}
