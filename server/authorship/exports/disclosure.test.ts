import { describe, expect, it } from "vitest";
import { buildDisclosure, disclosureSchema } from "./disclosure";
import { computeFigures } from "./figures";
import { ADA, BO, MODEL, scriptedPiece } from "./test-fixture";

describe("AI disclosure", () => {
  const piece = scriptedPiece();
  const d = disclosureSchema.parse(JSON.parse(JSON.stringify(buildDisclosure(piece, computeFigures(piece)))));
  const area = (aspect: string) => d.contributionAreas.find((a) => a.aspect === aspect)!;

  it("says per contribution area whether AI took part, and how much", () => {
    expect(d.aiInvolved).toBe(true);
    expect(area("Melody")).toMatchObject({ area: "Composition", aiInvolved: false, involvement: "None", notes: 7, aiNotes: 0 });
    // Chords are all AI (one edited by Ada); the bass is Bo's.
    expect(area("Harmony and bass")).toMatchObject({ aiInvolved: true, involvement: "AIGeneratedHumanEdited", notes: 4, aiNotes: 3, aiShareByNotes: 0.75 });
    expect(area("Harmony and bass").aiShareByDuration).toBeCloseTo(5760 / 6720);
    expect(area("Rhythm (drums)")).toMatchObject({ involvement: "AIGeneratedHumanSelected", aiShareByNotes: 0.5, aiNotesEditedByPeople: 0 });
    expect(area("Text")).toMatchObject({ area: "Lyrics", involvement: "NotApplicable", aiInvolved: false });
    expect(d.overall.aiShareByNotes).toBeCloseTo(4 / 13);
    expect(d.summary).toContain("30.8% of the notes");
  });

  it("names the models, their acceptance rate, and the people who accepted and edited", () => {
    expect(d.models).toEqual([
      expect.objectContaining({ name: MODEL.model, versions: [MODEL.version], notesInPiece: 4, candidatesGenerated: 5, candidatesAccepted: 1, acceptanceRate: 0.2 }),
    ]);
    expect(d.humanOversight).toEqual({
      everyAiNoteAcceptedByAPerson: true,
      acceptedBy: [{ name: BO.name, aiNotes: 4 }],
      editedBy: [{ name: ADA.name, notesEdited: 1 }],
    });
    expect(d.humanContributors.map((p) => p.name)).toEqual([ADA.name, BO.name]);
    expect(d.method.join(" ")).toMatch(/Contribution areas follow the track roles/);
  });

  it("discloses no AI for a piece written by people", () => {
    const human = { ...piece, notes: piece.notes.filter((n) => !n.id.startsWith("a-")), ledger: piece.ledger.filter((r) => !r.noteId.startsWith("a-")), generations: [] };
    const h = buildDisclosure(human, computeFigures(human));
    expect(h.aiInvolved).toBe(false);
    expect(h.contributionAreas.every((a) => !a.aiInvolved)).toBe(true);
    expect(h.models).toEqual([]);
    expect(h.summary).toMatch(/No AI-generated notes/);
  });
});
