/**
 * An adaptation a generation may use: checked (every source readable, ready), what it learned opened (a style memory,
 * or a fine-tune's network read from the database, once while it is in use), and its credit.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { adaptationNetworks } from "../../db/schema";
import type { AdaptationCredit } from "../../lib/adaptation-credit";
import { styleMemorySchema } from "../inference/adaptation/style-memory";
import type { InferenceNetwork, InferenceRequest } from "../inference/types";
import { requireUsableAdaptation, type AdaptationRow } from "./access";
import type { FineTuneRecord } from "./build";
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
    // It kept the shipped weights (build.ts): the model's own network, credited to the style all the same.
    if ((row.artifact as Partial<FineTuneRecord> | null)?.network === null) return { credit: await creditFor(db, row) };
    const network = await readNetwork(db, row);
    if (!network) throw unusable();
    return { network, credit: await creditFor(db, row) };
  }
  const parsed = styleMemorySchema.safeParse(row.artifact);
  if (!parsed.success) throw unusable();
  return { style: parsed.data, credit: await creditFor(db, row) };
}

/** Networks read lately, by fingerprint (their bytes' sha256, so one can never stand for another), last used last. */
const networks = new Map<string, Uint8Array>();
/** A fine-tune's patch is 1.78 MB: a band asking again and again reads its style from the database once. */
export const NETWORKS_KEPT = 4;

async function readNetwork(db: Db, row: AdaptationRow): Promise<InferenceNetwork | null> {
  const known = row.fingerprint ? networks.get(row.fingerprint) : undefined;
  if (row.fingerprint && known) {
    networks.delete(row.fingerprint);
    networks.set(row.fingerprint, known);
    return { fingerprint: row.fingerprint, patch: known };
  }
  const [net] = await db.select().from(adaptationNetworks).where(eq(adaptationNetworks.adaptationId, row.id));
  if (!net) return null;
  networks.set(net.fingerprint, net.patch);
  for (const oldest of networks.keys()) if (networks.size > NETWORKS_KEPT) networks.delete(oldest);
  return { fingerprint: net.fingerprint, patch: net.patch };
}
