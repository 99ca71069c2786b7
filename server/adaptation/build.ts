/**
 * Builds an adaptation in the background: each source piece read from its document, one piece per turn of the event
 * loop (setImmediate), the row's progress updated as it goes; then the method learns from them and what it learned
 * is stored: a style memory as the row's artifact, a fine-tune's network in adaptation_networks.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { adaptationNetworks, adaptations } from "../../db/schema";
import { readMeta, readNotes, readTracks } from "../../lib/doc-schema";
import { buildStyleMemory, withWeights, type SourcePiece } from "../../models/adapt/build-style-memory";
import { TOKENIZER_VERSION } from "../../models/tokenizer";
import type { Collab } from "../services";
import type { FineTuner } from "./fine-tune";
import type { StyleFitter } from "./fit";

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Of the progress: reading the pieces (the rest is fitting or fine-tuning, and storing). */
const READ_SHARE = { learned: 10, fitted: 20, unfitted: 90 };
const LEARN_SHARE = { fitted: 75, "fine-tune": 88 };

export type AdaptationMethod = (typeof adaptations.$inferSelect)["method"];

export interface BuildDeps {
  db: Db;
  collab: Pick<Collab, "readDoc">;
  /** Fits the style memory's exponents with the model (fit.ts); without one, the builder's soft defaults are kept. */
  fit?: StyleFitter;
  /** Method B (fine-tune.ts); an adaptation asks for it only where it is available. */
  fineTune?: FineTuner;
}

/**
 * A fine-tune's record in the row's artifact (its network is in adaptation_networks). A fine-tune that kept no step
 * (FineTuned.patch null) stores no network, and generates as the model's own.
 */
export interface FineTuneRecord {
  kind: "fine-tune";
  version: 1;
  sources: { pieceId: string }[];
  network: { fingerprint: string; bytes: number } | null;
  stats: Awaited<ReturnType<FineTuner["run"]>>["stats"];
  builtAt: string;
}

export async function buildAdaptation(deps: BuildDeps, id: string, pieceIds: readonly string[], method: AdaptationMethod = "style-memory"): Promise<void> {
  const { db, collab, fit, fineTune } = deps;
  const readShare = method === "fine-tune" ? READ_SHARE.learned : fit ? READ_SHARE.fitted : READ_SHARE.unfitted;
  const setRow = (set: Partial<typeof adaptations.$inferInsert>) => db.update(adaptations).set(set).where(eq(adaptations.id, id));
  try {
    const pieces: SourcePiece[] = [];
    for (const [i, pieceId] of pieceIds.entries()) {
      await yieldTurn();
      const doc = await collab.readDoc(pieceId, (d) => ({ notes: readNotes(d), tracks: readTracks(d), meta: readMeta(d) }));
      pieces.push({ id: pieceId, ...doc });
      await setRow({ progress: Math.floor(((i + 1) / pieceIds.length) * readShare) });
    }
    await yieldTurn();
    if (method === "fine-tune") {
      if (!fineTune) throw new Error("this server cannot fine-tune");
      if (!pieces.some((p) => p.notes.length > 0)) throw new Error("a fine-tune needs at least one piece with notes");
      const onShare = async (share: number) => void (await setRow({ progress: readShare + Math.floor(share * LEARN_SHARE["fine-tune"]) }));
      const tuned = await fineTune.run(id, pieces, onShare);
      const { patch } = tuned;
      const artifact: FineTuneRecord = {
        kind: "fine-tune",
        version: 1,
        sources: pieces.map((p) => ({ pieceId: p.id })),
        network: patch ? { fingerprint: tuned.fingerprint, bytes: patch.byteLength } : null,
        stats: tuned.stats,
        builtAt: new Date().toISOString(),
      };
      await db.transaction(async (tx) => {
        if (patch) await tx.insert(adaptationNetworks).values({ adaptationId: id, patch, fingerprint: tuned.fingerprint });
        await tx.update(adaptations).set({ status: "ready", progress: 100, artifact, fingerprint: tuned.fingerprint, error: null }).where(eq(adaptations.id, id));
      });
      return;
    }
    const built = buildStyleMemory(pieces, { tokenizer: TOKENIZER_VERSION });
    const onFit = async (share: number) => void (await setRow({ progress: readShare + Math.floor(share * LEARN_SHARE.fitted) }));
    const artifact = fit ? withWeights(built, await fit(built, pieces, onFit)) : built;
    await setRow({ status: "ready", progress: 100, artifact, fingerprint: artifact.fingerprint, error: null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The row may be gone (deleted while it built): then there is nothing to record.
    await setRow({ status: "failed", error: `Could not learn this style: ${message}` }).catch(() => undefined);
  }
}
