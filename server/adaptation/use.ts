/**
 * An adaptation a generation may use: checked (every source readable, ready), what it learned opened (a style memory,
 * or a fine-tune's network read from the database), and its credit.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { adaptationNetworks } from "../../db/schema";
import type { AdaptationCredit } from "../../lib/adaptation-credit";
import { styleMemorySchema } from "../inference/adaptation/style-memory";
import type { InferenceRequest } from "../inference/types";
import { requireUsableAdaptation, type AdaptationRow } from "./access";
import { creditFor } from "./credit";

export interface AdaptationInUse {
  style?: InferenceRequest["style"];
  network?: InferenceRequest["network"];
  credit: AdaptationCredit;
}

/** For a person: only an adaptation whose every source they may read (access.ts). */
export async function adaptationForGeneration(db: Db, userId: string, adaptationId: string): Promise<AdaptationInUse> {
  return adaptationForRow(db, await requireUsableAdaptation(db, userId, adaptationId));
}

/** A ready adaptation opened; one still building, failed, or missing what it learned is refused, saying why. */
export async function adaptationForRow(db: Db, row: AdaptationRow): Promise<AdaptationInUse> {
  if (row.status === "building") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `The style "${row.name}" is still learning (${row.progress}%); try again when it is ready.` });
  }
  const unusable = () =>
    new TRPCError({ code: "PRECONDITION_FAILED", message: `The style "${row.name}" could not be learned; make it again from its pieces.` });
  if (row.status === "failed") throw unusable();
  if (row.method === "fine-tune") {
    const [net] = await db.select().from(adaptationNetworks).where(eq(adaptationNetworks.adaptationId, row.id));
    if (!net) throw unusable();
    return { network: { fingerprint: net.fingerprint, patch: net.patch }, credit: await creditFor(db, row) };
  }
  const parsed = styleMemorySchema.safeParse(row.artifact);
  if (!parsed.success) throw unusable();
  return { style: parsed.data, credit: await creditFor(db, row) };
}
