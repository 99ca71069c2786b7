/**
 * A scripted piece with known authors for the export tests: Ada and Bo (a name with a comma, quotes
 * and markup) draw notes, Bo asks tandem-fim 1.1.0 for chords and drums and accepts them, Ada re-pitches
 * one of the model's chord notes, Bo re-pitches one of Ada's notes, and Ada deletes a note.
 */
import { DEFAULT_META, DEFAULT_TRACKS, type Note, type NoteWithId, type Provenance } from "../../../lib/doc-schema";
import type { GenerationRecord, LedgerExportRow, PieceExport } from "./types";

export const ADA = { id: "u-ada", name: "Ada" };
export const BO = { id: "u-bo", name: 'Bo "Beats", Jr. <b>&' };
export const MODEL = { model: "tandem-fim", version: "1.1.0" };
export const SEED = 4242;

const settings = (seed: number) => ({ candidates: 2, temperature: 0.9, topP: 0.95, seed });

const generations: GenerationRecord[] = [
  { id: "g-1", ...gen(), candidateCount: 2, outcome: "accepted", acceptedCandidate: 1, decidedByName: BO.name, settings: settings(SEED) },
  { id: "g-2", ...gen(), candidateCount: 3, outcome: "discarded", acceptedCandidate: null, decidedByName: ADA.name, settings: settings(7) },
  { id: "g-3", ...gen(), candidateCount: 2, outcome: "failed", acceptedCandidate: null, decidedByName: null, settings: settings(8) },
];

function gen() {
  return {
    model: MODEL.model,
    modelVersion: MODEL.version,
    mode: "infill" as const,
    requestedBy: BO.id,
    requestedByName: BO.name,
    createdAt: new Date("2026-11-28T10:00:00Z"),
  };
}

const note = (track: string, pitch: number, start: number, duration: number, velocity = 90): Note => ({ track, pitch, start, duration, velocity });

/** The notes as they stand at the end, by id. */
export const FINAL_NOTES: NoteWithId[] = [
  { id: "n-1", ...note("melody", 62, 0, 480) }, // Ada wrote 60, Bo re-pitched it
  { id: "n-2", ...note("melody", 64, 480, 2400) }, // crosses the bar line at 1920
  { id: "n-3", ...note("melody", 67, 960, 480) }, // overlaps n-2: a second voice
  { id: "n-4", ...note("melody", 72, 3840, 160) }, // three triplet eighths
  { id: "n-5", ...note("melody", 74, 4000, 160) },
  { id: "n-6", ...note("melody", 76, 4160, 160) },
  { id: "n-7", ...note("melody", 61, 5000, 100) }, // off the grid
  { id: "a-1", ...note("chords", 60, 0, 1920, 80) }, // model chord, Ada re-pitched 59 -> 60
  { id: "a-2", ...note("chords", 64, 0, 1920, 80) },
  { id: "a-3", ...note("chords", 67, 0, 1920, 80) },
  { id: "n-8", ...note("bass", 36, 1920, 960) },
  { id: "a-4", ...note("drums", 36, 0, 240, 100) },
  { id: "n-9", ...note("drums", 38, 480, 240, 100) },
];

const AUTHOR: Record<string, "ada" | "bo" | "model"> = {
  "n-1": "ada", "n-2": "ada", "n-3": "ada", "n-4": "ada", "n-5": "ada", "n-6": "ada", "n-7": "ada",
  "a-1": "model", "a-2": "model", "a-3": "model", "a-4": "model", "n-8": "bo", "n-9": "bo",
};

function buildLedger(): LedgerExportRow[] {
  const rows: LedgerExportRow[] = [];
  const t0 = Date.parse("2026-11-28T10:00:00Z");
  const push = (r: Omit<LedgerExportRow, "seq" | "at" | "generationId" | "operationId" | "model" | "modelVersion" | "settings"> & { gen?: string }) => {
    const g = generations.find((x) => x.id === r.gen);
    const { gen: _omit, ...rest } = r;
    rows.push({
      ...rest,
      seq: rows.length + 1,
      at: new Date(t0 + rows.length * 1000),
      generationId: g?.id ?? null,
      operationId: null,
      model: g?.model ?? null,
      modelVersion: g?.modelVersion ?? null,
      settings: g?.settings ?? null,
    });
  };
  for (const n of FINAL_NOTES) {
    const { id, ...after } = n;
    const who = AUTHOR[id];
    const created = id === "n-1" ? { ...after, pitch: 60 } : id === "a-1" ? { ...after, pitch: 59 } : after;
    if (who === "model") {
      push({ noteId: id, action: "create", authorKind: "model", actorId: BO.id, actorName: BO.name, gen: "g-1", before: null, after: created });
    } else {
      const p = who === "ada" ? ADA : BO;
      push({ noteId: id, action: "create", authorKind: "human", actorId: p.id, actorName: p.name, before: null, after: created });
    }
  }
  const n1 = FINAL_NOTES[0];
  push({ noteId: "n-1", action: "update", authorKind: "human", actorId: BO.id, actorName: BO.name, before: { ...strip(n1), pitch: 60 }, after: strip(n1) });
  const a1 = FINAL_NOTES.find((n) => n.id === "a-1")!;
  push({ noteId: "a-1", action: "update", authorKind: "human", actorId: ADA.id, actorName: ADA.name, before: { ...strip(a1), pitch: 59 }, after: strip(a1) });
  const gone = note("counter", 50, 0, 480);
  push({ noteId: "gone", action: "create", authorKind: "human", actorId: ADA.id, actorName: ADA.name, before: null, after: gone });
  push({ noteId: "gone", action: "delete", authorKind: "human", actorId: ADA.id, actorName: ADA.name, before: gone, after: null });
  return rows;
}

function strip({ id: _id, ...n }: NoteWithId): Note {
  return n;
}

function buildProvenance(): Map<string, Provenance> {
  const prov = new Map<string, Provenance>();
  for (const { id } of FINAL_NOTES) {
    const who = AUTHOR[id];
    prov.set(
      id,
      who === "model"
        ? { kind: "model", ...MODEL, generationId: "g-1", acceptedBy: BO.id, acceptedByName: BO.name }
        : { kind: "human", userId: who === "ada" ? ADA.id : BO.id, name: who === "ada" ? ADA.name : BO.name },
    );
  }
  prov.set("n-1", { ...prov.get("n-1")!, editedBy: [BO.id] });
  prov.set("a-1", { ...prov.get("a-1")!, editedBy: [ADA.id] });
  return prov;
}

export function scriptedPiece(): PieceExport {
  return {
    piece: { id: "piece-1", title: 'Études & "Duets" <1>' },
    meta: { ...DEFAULT_META },
    tracks: Object.entries(DEFAULT_TRACKS).map(([id, t]) => ({ ...t, id })),
    notes: FINAL_NOTES.map((n) => ({ ...n })),
    provenance: buildProvenance(),
    ledger: buildLedger(),
    generations,
    people: new Map([[ADA.id, ADA.name], [BO.id, BO.name]]),
    exportedAt: new Date("2026-11-28T12:00:00Z"),
  };
}
