/**
 * An accepted candidate written into the piece by the server as one transaction: the model's notes with model
 * provenance and ledger rows naming the person who accepted them, and the notes of the region they replace removed
 * by that person. A candidate note equal to one already there keeps that note and its author (lib/accept-match.ts).
 */
import { randomUUID } from "node:crypto";
import type * as Y from "yjs";
import { docMaps, noteSchema, readMeta, type Note } from "../../lib/doc-schema";
import { matchExisting } from "../../lib/accept-match";
import { inRegion, type Region } from "../../lib/region";
import { ledgerEntry, type LedgerEntry } from "../authorship/ledger";
import type { AcceptedNotes, ModelAttribution } from "../services";
import { modelAcceptOrigin } from "./origins";
import { asProvenanceWriter } from "./provenance-writer";

export function writeAccept(
  doc: Y.Doc,
  pieceId: string,
  notes: readonly Note[],
  by: ModelAttribution,
  replace?: Region,
): { result: AcceptedNotes; ledger: LedgerEntry[] } {
  const maps = docMaps(doc);
  const meta = readMeta(doc);
  const there: [string, Note][] = [];
  maps.notes.forEach((n, id) => void ((!replace || inRegion(n, replace, meta)) && there.push([id, n])));
  const { fresh, agreed } = matchExisting(notes.map((n) => noteSchema.parse(n)), there);
  const accepted = fresh.map((note) => ({ id: randomUUID(), note }));
  const replaced = replace ? there.filter(([id]) => !agreed.includes(id)) : [];
  doc.transact(() => {
    for (const [id] of replaced) maps.notes.delete(id);
    for (const { id, note } of accepted) maps.notes.set(id, note);
    asProvenanceWriter(doc, () => {
      for (const { id } of accepted) {
        maps.provenance.set(id, {
          kind: "model",
          model: by.model,
          version: by.version,
          generationId: by.generationId,
          acceptedBy: by.userId,
        });
      }
    });
  }, modelAcceptOrigin(by));
  const remover = { authorKind: "human" as const, actorId: by.userId, generationId: by.generationId };
  const actor = { authorKind: "model" as const, actorId: by.userId, generationId: by.generationId };
  const ledger = [
    ...replaced.flatMap(([id, before]) => ledgerEntry(pieceId, id, before, undefined, remover) ?? []),
    ...accepted.flatMap(({ id, note }) => ledgerEntry(pieceId, id, undefined, note, actor) ?? []),
  ];
  const result: AcceptedNotes = {
    noteIds: accepted.map((a) => a.id),
    added: accepted.map(({ id, note }) => ({ ...note, id })),
    agreed,
    replaced: replaced.map(([id, n]) => ({ ...n, id })),
  };
  return { result, ledger };
}
