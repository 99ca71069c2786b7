/**
 * Builds an adaptation in the background: each source piece read from its document and tokenized, one piece per
 * turn of the event loop (setImmediate), the row's progress updated as it goes; then the style memory is stored.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { adaptations } from "../../db/schema";
import { readMeta, readNotes, readTracks } from "../../lib/doc-schema";
import { buildStyleMemory, type SourcePiece } from "../../models/adapt/build-style-memory";
import { TOKENIZER_VERSION } from "../../models/tokenizer";
import type { Collab } from "../services";

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reading the pieces is most of the work; the last tenth is building and storing the memory. */
const READ_SHARE = 90;

export async function buildAdaptation(deps: { db: Db; collab: Pick<Collab, "readDoc"> }, id: string, pieceIds: readonly string[]): Promise<void> {
  const { db, collab } = deps;
  const setRow = (set: Partial<typeof adaptations.$inferInsert>) => db.update(adaptations).set(set).where(eq(adaptations.id, id));
  try {
    const pieces: SourcePiece[] = [];
    for (const [i, pieceId] of pieceIds.entries()) {
      await yieldTurn();
      const doc = await collab.readDoc(pieceId, (d) => ({ notes: readNotes(d), tracks: readTracks(d), meta: readMeta(d) }));
      pieces.push({ id: pieceId, ...doc });
      await setRow({ progress: Math.floor(((i + 1) / pieceIds.length) * READ_SHARE) });
    }
    await yieldTurn();
    const artifact = buildStyleMemory(pieces, { tokenizer: TOKENIZER_VERSION });
    await setRow({ status: "ready", progress: 100, artifact, fingerprint: artifact.fingerprint, error: null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The row may be gone (deleted while it built): then there is nothing to record.
    await setRow({ status: "failed", error: `Could not learn this style: ${message}` }).catch(() => undefined);
  }
}
