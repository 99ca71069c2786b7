/**
 * Provenance names people by id only: a name copied into each note's entry made 50 notes by someone with a long
 * name a 5 MB document. The app looks names up when it shows them (lib/authorship/people-names.ts).
 */
import { describe, expect, it } from "vitest";
import { docMaps, type Note, type Provenance } from "../../lib/doc-schema";
import type { SessionUser } from "../services";
import { addGeneration, newUser, until, withPiece } from "./test-harness";

const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
const LONG_NAME = "Z".repeat(5_000);

// A name from before names were bounded (80 characters now), or one a future limit allows.
const shortNamed = newUser("Al"), longNamed = newUser(LONG_NAME);
const suite = withPiece([[shortNamed, "owner"], [longNamed, "editor"]]);

/** Every way the server writes provenance, once by `user`: a note drawn, a MIDI import, an accepted AI note. */
async function provenanceWrittenFor(user: SessionUser): Promise<Provenance[]> {
  const pieceId = await suite.newPiece([[user, "owner"]]);
  const client = suite.connect(pieceId, user);
  await client.synced;
  docMaps(client.doc).notes.set("drawn", note);
  const [imported] = await suite.collab.importNotes(pieceId, [{ ...note, start: 480 }], user);
  const generationId = await addGeneration(suite.db, pieceId, user);
  const by = { userId: user.id, userName: user.name, generationId, model: "tiny", version: "1" };
  const { noteIds: accepted } = await suite.collab.acceptNotes(pieceId, [{ ...note, start: 960 }], by);
  const ids = ["drawn", imported, ...accepted];
  await until(() => expect(ids.every((id) => docMaps(client.doc).provenance.has(id))).toBe(true));
  return ids.map((id) => docMaps(client.doc).provenance.get(id)!);
}

describe("provenance written by the server", () => {
  it("holds the person's id and no name", async () => {
    const written = await provenanceWrittenFor(longNamed);
    expect(written).toEqual([
      { kind: "human", userId: longNamed.id },
      { kind: "human", userId: longNamed.id },
      { kind: "model", model: "tiny", version: "1", generationId: expect.any(String), acceptedBy: longNamed.id },
    ]);
    for (const p of written) expect(JSON.stringify(p)).not.toContain("ZZZZ");
  });

  it("is no bigger for a 5,000-character name than for a two-letter one", async () => {
    const sizes = async (user: SessionUser) => (await provenanceWrittenFor(user)).map((p) => JSON.stringify(p).length);
    // The ids are the same length (newUser: u-<uuid>), and so are the generation ids.
    expect(await sizes(longNamed)).toEqual(await sizes(shortNamed));
  });
});
