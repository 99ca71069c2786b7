import { describe, expect, it } from "vitest";
import { computeFigures } from "./figures";
import { ADA, BO, MODEL, scriptedPiece, SEED } from "./test-fixture";

describe("credit figures on the scripted piece", () => {
  const f = computeFigures(scriptedPiece());

  it("credits people and the model by notes and by duration", () => {
    expect(f.totalNotes).toBe(13);
    expect(f.totalDurationTicks).toBe(11140);
    expect(f.people.map((p) => [p.name, p.notes, p.durationTicks, p.written, p.acceptedModelNotes, p.editedNotes, p.deletedNotes, p.dominantBars])).toEqual([
      [ADA.name, 7, 3940, 8, 0, 1, 1, [2]], // wrote 8, deleted one; bar 1 is a tie with Bo
      [BO.name, 2, 1200, 2, 4, 1, 0, []],
    ]);
    expect(f.people[0].noteShare).toBeCloseTo(7 / 13);
    expect(f.people[1].durationShare).toBeCloseTo(1200 / 11140);
    expect(f.unattributedNotes).toBe(0);
  });

  it("gives each model its share, acceptance rate and human oversight", () => {
    expect(f.models).toEqual([
      {
        model: MODEL.model,
        versions: [MODEL.version],
        notes: 4,
        noteShare: 4 / 13,
        durationTicks: 6000,
        durationShare: 6000 / 11140,
        humanEditedNotes: 1,
        dominantBars: [0],
        requests: 3,
        candidatesGenerated: 5, // the failed generation showed none
        candidatesAccepted: 1,
        acceptanceRate: 0.2,
        acceptedBy: [BO.name],
        editedBy: [ADA.name],
      },
    ]);
  });

  it("splits AI involvement by track role", () => {
    const role = (r: string) => f.roles.find((x) => x.role === r)!;
    expect(role("chords")).toMatchObject({ notes: 3, aiNotes: 3, aiNoteShare: 1, aiHumanEditedNotes: 1 });
    expect(role("drums")).toMatchObject({ notes: 2, aiNotes: 1, aiNoteShare: 0.5, aiDurationShare: 0.5 });
    expect(role("melody")).toMatchObject({ notes: 7, aiNotes: 0 });
    expect(role("counter")).toMatchObject({ notes: 0, aiNoteShare: 0 });
  });

  it("lists each note's edits with the fields changed, and the model notes' seed", () => {
    expect(f.credits.get("n-1")).toMatchObject({ origin: { kind: "human", id: ADA.id }, edits: [{ userId: BO.id, fields: ["pitch"] }] });
    expect(f.credits.get("a-1")).toMatchObject({
      origin: { kind: "model", id: MODEL.model, version: MODEL.version, acceptedBy: { id: BO.id, name: BO.name }, generationId: "g-1" },
      seed: SEED,
      edits: [{ name: ADA.name, fields: ["pitch"] }],
    });
    expect(f.credits.get("n-2")!.edits).toEqual([]);
    expect(f.credits.has("gone")).toBe(false);
  });
});

describe("credit figures with a note on a deleted track", () => {
  it("credit its author but put it in no contribution area", () => {
    const piece = scriptedPiece();
    piece.tracks = piece.tracks.filter((t) => t.id !== "drums");
    const f = computeFigures(piece);
    expect(f.totalNotes).toBe(13);
    expect(f.roles.find((r) => r.role === "drums")).toMatchObject({ notes: 0, aiNotes: 0 });
    expect(f.models[0]).toMatchObject({ notes: 4, acceptedBy: [BO.name] });
  });
});
