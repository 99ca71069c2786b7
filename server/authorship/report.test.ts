import { describe, expect, it } from "vitest";
import type { Note, NoteWithId, Provenance } from "../../lib/doc-schema";
import type { ReportGeneration, ReportLedgerRow } from "../../lib/authorship/report-types";
import { computeReport } from "./report";

// A scripted collaboration in 4/4 (1920 ticks a bar) with figures worked out by hand.
const T0 = Date.UTC(2026, 0, 1, 12);
const at = (s: number) => new Date(T0 + s * 1000);
const n = (start: number, duration: number, pitch = 60): Note => ({ track: "melody", pitch, start, duration, velocity: 80 });
const ADA = { actorId: "ada", actorName: "Ada" };
const BO = { actorId: "bo", actorName: "Bo" };

let seq = 0;
const row = (
  who: { actorId: string; actorName: string },
  action: ReportLedgerRow["action"],
  noteId: string,
  before: Note | null,
  after: Note | null,
  extra: Partial<ReportLedgerRow> = {},
): ReportLedgerRow => ({ seq: ++seq, noteId, action, authorKind: "human", generationId: null, operationId: null, before, after, at: at(seq), ...who, ...extra });
const model = { authorKind: "model" as const, generationId: "g1" };

const ledger = [
  row(ADA, "create", "a", null, n(0, 480)),
  row(ADA, "create", "b", null, n(480, 480)),
  row(ADA, "create", "c", null, n(960, 960)),
  row(BO, "create", "d", null, n(1920, 1920)),
  row(BO, "create", "m1", null, n(3840, 480), model),
  row(BO, "create", "m2", null, n(4320, 480), model),
  row(BO, "create", "m3", null, n(4800, 960), model),
  row(ADA, "update", "m1", n(3840, 480), n(3840, 480, 62)),
  row(ADA, "update", "m1", n(3840, 480, 62), n(3840, 960, 62)),
  row(BO, "update", "b", n(480, 480), n(2400, 480)),
  row(BO, "delete", "m2", n(4320, 480), null),
  row(ADA, "delete", "c", n(960, 960), null),
  row(BO, "delete", "a", n(0, 480), null),
  row(ADA, "create", "a", null, n(0, 480)), // an undo restores Ada's note: still hers
];
const gen = (id: string, outcome: ReportGeneration["outcome"], candidateCount: number, s: number, by = BO): ReportGeneration => ({
  id, requestedBy: by.actorId, requestedByName: by.actorName, model: "fim", modelVersion: "1.0", candidateCount, outcome, createdAt: at(s),
});
const generations = [gen("g1", "accepted", 3, 4.5), gen("g2", "discarded", 2, 20, ADA), gen("g3", "failed", 4, 21)];
const id = (noteId: string, note: Note): NoteWithId => ({ ...note, id: noteId });
const notes = [
  id("a", n(0, 480)),
  id("b", n(2400, 480)),
  id("d", n(1920, 1920)),
  id("m1", n(3840, 960, 62)),
  id("m3", n(4800, 960)),
  id("e", n(5760, 480)), // drawn by Bo a moment ago: only the doc's provenance knows it yet
  id("f", n(0, 240)), // known to nobody
];
const provenance = new Map<string, Provenance>([["e", { kind: "human", userId: "bo", name: "Bo" }]]);
const meter = { beatsPerBar: 4, beatUnit: 4 };

describe("computeReport on a scripted collaboration", () => {
  const report = computeReport({ ledger, notes, generations, meter, provenance });
  const c = (key: string) => report.contributors.find((x) => x.key === key)!;

  it("credits each person with what they created, accepted, edited and deleted", () => {
    expect(c("human:ada")).toMatchObject({
      created: { notes: 3, ticks: 1920 },
      accepted: { notes: 0, ticks: 0 },
      edited: { notes: 1, ticks: 960, changes: 2 },
      deleted: { notes: 1, ticks: 960 },
      current: { notes: 2, ticks: 960, noteShare: 2 / 7, tickShare: 960 / 5520 },
      dominantBars: [0],
    });
    expect(c("human:bo")).toMatchObject({
      created: { notes: 1, ticks: 1920 },
      accepted: { notes: 3, ticks: 1920 },
      edited: { notes: 1, ticks: 480, changes: 1 },
      deleted: { notes: 2, ticks: 960 },
      current: { notes: 2, ticks: 2400, noteShare: 2 / 7, tickShare: 2400 / 5520 },
      dominantBars: [1, 3],
    });
  });

  it("names a person only the doc's provenance knows by the names it is given (provenance keeps ids)", () => {
    const r = computeReport({ ledger: [], notes: [id("x", n(0, 480))], generations: [], meter, provenance: new Map([["x", { kind: "human", userId: "z" }]]), people: new Map([["z", "Zoë"]]) });
    expect(r.contributors.map((x) => [x.key, x.name])).toEqual([["human:z", "Zoë"]]);
  });

  it("credits the model with its accepted notes and what people did to them", () => {
    expect(c("model:fim")).toMatchObject({
      kind: "model",
      versions: ["1.0"],
      created: { notes: 3, ticks: 1920 },
      accepted: { notes: 3, ticks: 1920 },
      edited: { notes: 1, ticks: 960, changes: 2 },
      deleted: { notes: 1, ticks: 480 },
      current: { notes: 2, ticks: 1920, noteShare: 2 / 7, tickShare: 1920 / 5520 },
      dominantBars: [2],
    });
    expect(report.contributors.map((x) => x.key)).toEqual(["human:bo", "model:fim", "human:ada"]);
  });

  it("splits the piece as it stands into human, AI and unattributed", () => {
    expect(report.totals).toEqual({
      notes: 7,
      ticks: 5520,
      human: { notes: 4, ticks: 3360 },
      ai: { notes: 2, ticks: 1920 },
      unattributed: { notes: 1, ticks: 240 },
      aiHumanEdited: 1,
      bars: 4,
    });
  });

  it("says which bars each dominates, splitting notes across bars", () => {
    expect(report.bars.map((b) => [b.dominant, b.human, b.ai])).toEqual([
      ["human:ada", 480, 0],
      ["human:bo", 2400, 0],
      ["model:fim", 0, 1920],
      ["human:bo", 480, 0],
    ]);
    expect(report.bars[0].ticks).toEqual({ "human:ada": 480, unattributed: 240 });
    const long = computeReport({ ledger: [], notes: [id("x", n(1000, 2000))], generations: [], meter, provenance: new Map([["x", { kind: "human", userId: "z", name: "Z" }]]) });
    expect(long.bars.map((b) => b.ticks["human:z"])).toEqual([920, 1080]);
  });

  it("rates the model's acceptance: candidates accepted over generated", () => {
    expect(report.acceptance.overall).toEqual({ model: "all models", requests: 3, failed: 1, candidatesGenerated: 5, candidatesAccepted: 1, rate: 0.2 });
    expect(report.acceptance.models).toEqual([{ ...report.acceptance.overall, model: "fim" }]);
  });

  it("tells the story in order, one event per run of one person's same action", () => {
    expect(report.timeline.map((e) => [e.actorName, e.kind, e.notes])).toEqual([
      ["Ada", "wrote", 3],
      ["Bo", "wrote", 1],
      ["Bo", "requested", 0],
      ["fim (accepted by Bo)", "accepted", 3],
      ["Ada", "edited", 2],
      ["Bo", "edited", 1],
      ["Bo", "deleted", 1],
      ["Ada", "deleted", 1],
      ["Bo", "deleted", 1],
      ["Ada", "restored", 1],
      ["Ada", "requested", 0],
      ["Bo", "requested", 0],
    ]);
    expect(report.timeline[3]).toMatchObject({ actor: "model:fim", model: "fim", bars: [2, 2] });
    expect(report.method.length).toBeGreaterThan(3);
  });

  it("an empty piece reports zeros and no rate", () => {
    const empty = computeReport({ ledger: [], notes: [], generations: [], meter });
    expect(empty.totals.notes).toBe(0);
    expect(empty.contributors).toEqual([]);
    expect(empty.bars).toEqual([]);
    expect(empty.acceptance.overall.rate).toBeNull();
  });
});
