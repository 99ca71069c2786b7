/**
 * The server's writes of streamed candidate notes (lib/candidate-parts.ts), each with the origin of the ghost views:
 * never ledgered, and the only writer the guard lets into the map.
 */
import type * as Y from "yjs";
import { docMaps, noteSchema, type Note } from "../../lib/doc-schema";
import { partKey, readPartKey } from "../../lib/candidate-parts";
import { SERVER_GENERATION } from "./origins";

/**
 * Appends each candidate's new notes as send `seq` of the generation, while its view is running: one discarded or
 * finished meanwhile shows nothing more. Invalid notes are left out, as a finished view leaves them out.
 */
export function appendParts(doc: Y.Doc, generationId: string, parts: readonly (readonly Note[])[], seq: number): void {
  const { generations, candidateParts } = docMaps(doc);
  if (generations.get(generationId)?.status !== "running") return;
  const valid = parts.map((notes) => notes.filter((n) => noteSchema.safeParse(n).success));
  if (valid.every((notes) => notes.length === 0)) return;
  doc.transact(() => valid.forEach((notes, c) => notes.length > 0 && candidateParts.set(partKey(generationId, c, seq), notes)), SERVER_GENERATION);
}

/** Removes a generation's parts; call inside the transaction that shows its end, so no page sees both. */
export function dropParts(doc: Y.Doc, generationIds: ReadonlySet<string>): void {
  const { candidateParts } = docMaps(doc);
  for (const key of [...candidateParts.keys()]) {
    const id = readPartKey(key)?.generationId;
    if (id !== undefined && generationIds.has(id)) candidateParts.delete(key);
  }
}
