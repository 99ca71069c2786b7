/** An adaptation a generation may use: checked (every source readable, ready), its artifact opened, its credit. */
import { TRPCError } from "@trpc/server";
import type { Db } from "../../db";
import type { AdaptationCredit } from "../../lib/adaptation-credit";
import { styleMemorySchema, type StyleMemoryArtifact } from "../inference/adaptation/style-memory";
import { requireUsableAdaptation } from "./access";
import { creditFor } from "./credit";

export async function styleForGeneration(db: Db, userId: string, adaptationId: string): Promise<{ style: StyleMemoryArtifact; credit: AdaptationCredit }> {
  const row = await requireUsableAdaptation(db, userId, adaptationId);
  if (row.status === "building") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `The style "${row.name}" is still learning (${row.progress}%); try again when it is ready.` });
  }
  const parsed = styleMemorySchema.safeParse(row.artifact);
  if (row.status === "failed" || !parsed.success) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `The style "${row.name}" could not be learned; make it again from its pieces.` });
  }
  return { style: parsed.data, credit: await creditFor(db, row) };
}
