/**
 * Builds an adaptation in the background: each source piece read from its document and tokenized, one piece per
 * turn of the event loop (setImmediate), the row's progress updated as it goes; then the style memory is stored.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { adaptations } from "../../db/schema";
import { readMeta, readNotes, readTracks } from "../../lib/doc-schema";
import { buildStyleMemory, withWeights, type SourcePiece } from "../../models/adapt/build-style-memory";
import { TOKENIZER_VERSION } from "../../models/tokenizer";
import type { Collab } from "../services";
import type { StyleFitter } from "./fit";

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Of the progress: reading the pieces (the rest is fitting, when a fitter is given, and storing). */
const READ_SHARE = { fitted: 20, unfitted: 90 };
const FIT_SHARE = 75;

export interface BuildDeps {
  db: Db;
  collab: Pick<Collab, "readDoc">;
  /** Fits the exponents with the model (fit.ts); without one, the builder's soft defaults are kept. */
  fit?: StyleFitter;
}

export async function buildAdaptation(deps: BuildDeps, id: string, pieceIds: readonly string[]): Promise<void> {
  const { db, collab, fit } = deps;
  const readShare = fit ? READ_SHARE.fitted : READ_SHARE.unfitted;
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
    const built = buildStyleMemory(pieces, { tokenizer: TOKENIZER_VERSION });
    const onFit = async (share: number) => void (await setRow({ progress: readShare + Math.floor(share * FIT_SHARE) }));
    const artifact = fit ? withWeights(built, await fit(built, pieces, onFit)) : built;
    await setRow({ status: "ready", progress: 100, artifact, fingerprint: artifact.fingerprint, error: null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The row may be gone (deleted while it built): then there is nothing to record.
    await setRow({ status: "failed", error: `Could not learn this style: ${message}` }).catch(() => undefined);
  }
}
