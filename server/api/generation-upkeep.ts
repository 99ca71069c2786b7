/**
 * Generations cut off by a stop or by their process's death, failed in the database and in their pieces, so nobody
 * waits for them: at start-up the rows a stopped process left running, and with other app processes (REDIS_URL), every
 * GENERATION_CHECK_MS, those whose process died (their home lapsed, generation-homes.ts). The same check renews the
 * homes of the generations this process runs.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { generations } from "../../db/schema";
import { PROCESS_GONE, RESTARTED } from "../collab/stale-generations";
import type { Log } from "../log";
import type { Collab } from "../services";
import type { GenerationHomes } from "./generation-homes";

export const GENERATION_CHECK_MS = 2_000;

/**
 * At start-up: the rows left running by a stopped process, failed. Alone, every running row is; with other processes
 * (`homes`), only those no process runs (a live generation takes its home before its row is written).
 */
export async function failCutOffRows(db: Db, homes?: GenerationHomes): Promise<number> {
  const running = (await db.select({ id: generations.id }).from(generations).where(eq(generations.outcome, "running"))).map((r) => r.id);
  if (running.length === 0) return 0;
  const live = homes ? await homes.alive(running) : new Set<string>();
  const stale = running.filter((id) => !live.has(id));
  if (stale.length === 0) return 0;
  const failed = await db
    .update(generations)
    .set({ outcome: "failed", error: homes ? PROCESS_GONE : RESTARTED })
    .where(and(inArray(generations.id, stale), eq(generations.outcome, "running")))
    .returning({ id: generations.id });
  return failed.length;
}

export interface GenerationUpkeepOptions {
  homes: GenerationHomes;
  db: Db;
  collab: Pick<Collab, "failGenerationViews">;
  log: Log;
  /**
   * Stops a generation's model run where it runs (an inference worker's job): a dead process's run goes on without
   * it, nobody reads it, and it holds a worker the model's line already counts as free.
   */
  cancelRun?: (generationId: string) => Promise<void>;
  checkMs?: number;
}

/**
 * Renews this process's homes and fails the generations whose process died, every checkMs, until close(). With Redis
 * out of reach a round fails at once (generation-homes.ts's connection does not wait): it is logged and the next tries
 * again, nothing is failed meanwhile, and what was swept waits in the registry until Redis is back.
 */
export function startGenerationUpkeep({ homes, db, collab, log, cancelRun, checkMs = GENERATION_CHECK_MS }: GenerationUpkeepOptions): { close(): Promise<void> } {
  async function failOrphan(generationId: string, pieceId: string) {
    await db
      .update(generations)
      .set({ outcome: "failed", error: PROCESS_GONE })
      .where(and(eq(generations.id, generationId), eq(generations.outcome, "running")));
    await collab.failGenerationViews(pieceId, [generationId], PROCESS_GONE);
    await cancelRun?.(generationId);
  }
  async function upkeep() {
    await homes.renew();
    for (const { generationId, pieceId } of await homes.sweep()) {
      // Out of the registry now: on failure, the next load of its piece still fails its view (it has no home).
      await failOrphan(generationId, pieceId).catch((err: unknown) => log.warn("a dead process's generation not failed", { generationId, pieceId, error: String(err) }));
    }
  }
  let busy: Promise<void> | null = null;
  const timer = setInterval(() => {
    busy ??= upkeep()
      .catch((err: unknown) => log.warn("generation upkeep failed; tried again shortly", { error: String(err) }))
      .finally(() => (busy = null));
  }, checkMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await busy;
    },
  };
}
