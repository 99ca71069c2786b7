/** The note ledger as JSON: the piece, how to read it, and every entry oldest first. */
import { z } from "zod";
import { noteSchema } from "../../../lib/doc-schema";
import { seedOf } from "./note-credits";
import type { PieceExport } from "./types";

export const LEDGER_JSON_FORMAT = "tandem-note-ledger/1";

export const ledgerEntryJsonSchema = z.object({
  seq: z.number().int().positive(),
  time: z.iso.datetime(),
  noteId: z.string(),
  action: z.enum(["create", "update", "delete"]),
  author: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("human"), userId: z.string(), name: z.string() }),
    z.object({
      kind: z.literal("model"),
      model: z.string(),
      version: z.string(),
      generationId: z.string(),
      settings: z.record(z.string(), z.unknown()).nullable(),
      seed: z.number().nullable(),
      acceptedBy: z.object({ userId: z.string(), name: z.string() }),
    }),
  ]),
  operationId: z.string().nullable(),
  before: noteSchema.nullable(),
  after: noteSchema.nullable(),
});

export const ledgerJsonSchema = z.object({
  format: z.literal(LEDGER_JSON_FORMAT),
  piece: z.object({ id: z.string(), title: z.string() }),
  exportedAt: z.iso.datetime(),
  method: z.array(z.string()),
  entries: z.array(ledgerEntryJsonSchema),
});
export type LedgerJson = z.infer<typeof ledgerJsonSchema>;

const METHOD = [
  "One entry per change of one note, in the order the server recorded them (seq). The ledger is append-only.",
  "The author of each entry is the authenticated connection that made the change, as attributed by the server. For model entries, the model, version, generation and settings are the generation's own record, and acceptedBy is the person who accepted the notes.",
  "before/after are the note's fields (pitch 0-127, start and duration in ticks at 480 a quarter note, velocity 1-127); a create has no before, a delete no after. operationId names the undo-by-author operation a change belonged to.",
];

export function buildLedgerJson(x: Pick<PieceExport, "piece" | "ledger" | "exportedAt">): LedgerJson {
  return {
    format: LEDGER_JSON_FORMAT,
    piece: x.piece,
    exportedAt: x.exportedAt.toISOString(),
    method: METHOD,
    entries: x.ledger.map((r) => ({
      seq: r.seq,
      time: r.at.toISOString(),
      noteId: r.noteId,
      action: r.action,
      author:
        r.authorKind === "model"
          ? {
              kind: "model" as const,
              model: r.model ?? "unknown model",
              version: r.modelVersion ?? "",
              generationId: r.generationId ?? "",
              settings: r.settings,
              seed: seedOf(r.settings),
              acceptedBy: { userId: r.actorId, name: r.actorName },
            }
          : { kind: "human" as const, userId: r.actorId, name: r.actorName },
      operationId: r.operationId,
      before: r.before,
      after: r.after,
    })),
  };
}
