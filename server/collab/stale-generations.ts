/**
 * Generation views left "running" by a process that no longer runs them: shown as failed, so nobody waits for them.
 * Which ones are still running somewhere is the cluster's to say (server/api/generation-homes.ts).
 */
import type * as Y from "yjs";
import { docMaps } from "../../lib/doc-schema";
import { dropParts } from "./candidate-parts";
import { SERVER_GENERATION } from "./origins";

/** One process alone: a running view in a document only now loading was cut off by a stop. */
export const RESTARTED = "The server restarted while the model was writing";
/** Several processes: the process running it died (its home lapsed in Redis). */
export const PROCESS_GONE = "The server process running this generation stopped while the model was writing";

/** Marks those of these generations whose views still run as failed, and drops their streamed parts, in one transaction. */
export function failRunningViews(doc: Y.Doc, generationIds: Iterable<string>, error: string): void {
  const { generations } = docMaps(doc);
  const stale = [...generationIds].map((id) => generations.get(id)).filter((g) => g?.status === "running");
  if (stale.length === 0) return;
  doc.transact(() => {
    for (const g of stale) generations.set(g!.id, { ...g!, status: "failed", error });
    dropParts(doc, new Set(stale.map((g) => g!.id)));
  }, SERVER_GENERATION);
}

/**
 * On load: alone, every running view is stale (a live generation loads the room before it shows its view). With
 * other app processes (`alive`), a generation one of them still runs stays; with Redis out of reach all stay, and the
 * processes' upkeep fails those whose process died (server/api/generation-upkeep.ts).
 */
export async function failStaleGenerations(doc: Y.Doc, alive?: (generationIds: string[]) => Promise<Set<string>>): Promise<void> {
  const running = [...docMaps(doc).generations.values()].filter((g) => g.status === "running").map((g) => g.id);
  if (running.length === 0) return;
  if (!alive) return failRunningViews(doc, running, RESTARTED);
  const live = await alive(running).catch(() => new Set(running));
  failRunningViews(doc, running.filter((id) => !live.has(id)), PROCESS_GONE);
}
