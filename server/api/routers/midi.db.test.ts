/** MIDI import over the real collab server: notes land in the doc, credited to the importer; bad files change nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docMaps, readMeta, readNotes, readTracks, type Note } from "../../../lib/doc-schema";
import { writeMidiFile } from "../../../lib/midi";
import { readLedger } from "../../authorship/ledger";
import { createCollabTestWorld, type CollabTestWorld } from "../collab-test-world";

const song = {
  meta: { bpm: 90, beatsPerBar: 3, beatUnit: 4 },
  tracks: [
    { id: "a", name: "Lead", role: "melody" as const, instrument: "lead", order: 0 },
    { id: "b", name: "Bass", role: "bass" as const, instrument: "bass", order: 1 },
    { id: "c", name: "Kit", role: "drums" as const, instrument: "drums", order: 2 },
  ],
  notes: [
    { track: "a", pitch: 72, start: 0, duration: 480, velocity: 100 },
    { track: "a", pitch: 74, start: 480, duration: 240, velocity: 90 },
    { track: "b", pitch: 36, start: 0, duration: 1440, velocity: 80 },
    { track: "c", pitch: 38, start: 960, duration: 120, velocity: 110 },
  ] satisfies Note[],
};
const asFile = (bytes: Uint8Array, name = "song.mid") => ({ name, base64: Buffer.from(bytes).toString("base64") });
const shape = (n: Note, trackName: string) => `${trackName} ${n.pitch} ${n.start} ${n.duration} ${n.velocity}`;

describe("midi router", () => {
  let world: CollabTestWorld;
  const signUp = (name: string) => world.signUp(name);
  let collab: CollabTestWorld["collab"];

  beforeAll(async () => {
    world = await createCollabTestWorld();
    collab = world.collab;
  });
  afterAll(() => world.close());

  it("imports a file into a new piece: tracks mapped to roles, tempo, meter, notes credited to the importer", async () => {
    const ada = await signUp("Ada");
    const res = await ada.api.midi.importPiece({ file: asFile(writeMidiFile(song), "Night Song.mid") });
    expect(res).toMatchObject({ noteCount: 4, trackCount: 3 });
    expect((await ada.api.piece.get({ pieceId: res.pieceId })).title).toBe("Night Song");

    const doc = await collab.readDoc(res.pieceId, (d) => ({
      meta: readMeta(d),
      tracks: readTracks(d),
      notes: readNotes(d),
      provenance: [...docMaps(d).provenance.values()],
    }));
    expect(doc.meta).toEqual(song.meta);
    expect(doc.tracks.map((t) => [t.name, t.role, t.instrument])).toEqual([
      ["Lead", "melody", "lead"],
      ["Bass", "bass", "bass"],
      ["Kit", "drums", "drums"],
    ]);
    const nameOf = (id: string) => doc.tracks.find((t) => t.id === id)!.name;
    const songName = (id: string) => song.tracks.find((t) => t.id === id)!.name;
    expect(doc.notes.map((n) => shape(n, nameOf(n.track))).sort()).toEqual(song.notes.map((n) => shape(n, songName(n.track))).sort());
    expect(doc.provenance).toEqual(doc.notes.map(() => ({ kind: "human", userId: ada.user.id })));

    await collab.flushAll();
    const ledger = await readLedger(world.handle.db, res.pieceId);
    expect(ledger).toHaveLength(4);
    expect(ledger.every((r) => r.action === "create" && r.authorKind === "human" && r.actorId === ada.user.id)).toBe(true);
    expect(new Set(ledger.map((r) => r.noteId))).toEqual(new Set(doc.notes.map((n) => n.id)));
  });

  it("refuses a corrupt or unsupported file with a message naming it, and creates nothing", async () => {
    const bo = await signUp("Bo");
    const good = writeMidiFile(song);
    const truncated = good.slice(0, good.length - 10);
    await expect(bo.api.midi.importPiece({ file: asFile(truncated, "broken.mid") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^broken\.mid: truncated.*Nothing was imported\.$/),
    });
    const text = new TextEncoder().encode("this is not music");
    await expect(bo.api.midi.importPiece({ file: asFile(text, "notes.txt") })).rejects.toThrow(/notes\.txt: not a MIDI file/);
    const empty = writeMidiFile({ ...song, notes: [] });
    await expect(bo.api.midi.importPiece({ file: asFile(empty, "silence.mid") })).rejects.toThrow(/silence\.mid: the file has no notes/);
    await expect(bo.api.midi.importPiece({ file: { name: "x.mid", base64: "not base64!" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await bo.api.piece.list()).toEqual([]);
  });

  it("imports into a track of an open piece, and a bad file there changes nothing", async () => {
    const cy = await signUp("Cy");
    const dee = await signUp("Dee");
    const { id: pieceId } = await cy.api.piece.create({ title: "Open" });
    await dee.api.piece.acceptInvite(await cy.api.piece.createInvite({ pieceId, role: "editor" }));

    const res = await dee.api.midi.importIntoTrack({ pieceId, trackId: "chords", file: asFile(writeMidiFile(song)) });
    expect(res).toEqual({ noteCount: 4, trackName: "Chords" });
    const notes = await collab.readDoc(pieceId, readNotes);
    expect(notes.map(({ id: _id, ...n }) => n).sort((a, b) => a.start - b.start || a.pitch - b.pitch)).toEqual(
      song.notes.map((n) => ({ ...n, track: "chords" })).sort((a, b) => a.start - b.start || a.pitch - b.pitch),
    );
    await collab.flushAll();
    const before = await readLedger(world.handle.db, pieceId);
    expect(before.map((r) => [r.authorKind, r.actorId])).toEqual(notes.map(() => ["human", dee.user.id]));

    const bad = writeMidiFile(song);
    bad[0] = 0x4e; // "NThd"
    await expect(dee.api.midi.importIntoTrack({ pieceId, trackId: "chords", file: asFile(bad, "bad.mid") })).rejects.toThrow(/^bad\.mid: not a MIDI file/);
    await expect(dee.api.midi.importIntoTrack({ pieceId, trackId: "nope", file: asFile(writeMidiFile(song)) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await collab.flushAll();
    expect(await collab.readDoc(pieceId, readNotes)).toEqual(notes);
    expect(await readLedger(world.handle.db, pieceId)).toEqual(before);
  });

  it("imports into a track at a bar of the piece: the file's bar 1 lands there, in the piece's meter", async () => {
    const gil = await signUp("Gil");
    const { id: pieceId } = await gil.api.piece.create({ title: "Placed" });
    await collab.readDoc(pieceId, (d) => d.transact(() => docMaps(d).meta.set("beatsPerBar", 6)));
    const res = await gil.api.midi.importIntoTrack({ pieceId, trackId: "bass", file: asFile(writeMidiFile(song)), atBar: 4 });
    expect(res).toEqual({ noteCount: 4, trackName: "Bass" });
    const bar5 = 4 * 6 * 480; // bar 5 of the piece's 6/4, whatever the file's own 3/4
    const starts = (await collab.readDoc(pieceId, readNotes)).map((n) => [n.track, n.start]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(starts).toEqual([...song.notes].sort((a, b) => a.start - b.start).map((n) => ["bass", bar5 + n.start]));

    await expect(gil.api.midi.importIntoTrack({ pieceId, trackId: "bass", file: asFile(writeMidiFile(song), "late.mid"), atBar: 1999 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^late\.mid: placed at bar 2000, the file would run past the last bar a piece can hold\. Nothing was imported\.$/),
    });
    await expect(gil.api.midi.importIntoTrack({ pieceId, trackId: "bass", file: asFile(writeMidiFile(song)), atBar: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await collab.readDoc(pieceId, readNotes)).toHaveLength(4);
  });

  it("lets only editors import into a piece", async () => {
    const eve = await signUp("Eve");
    const fay = await signUp("Fay");
    const { id: pieceId } = await eve.api.piece.create({ title: "Mine" });
    await fay.api.piece.acceptInvite(await eve.api.piece.createInvite({ pieceId, role: "viewer" }));
    await expect(fay.api.midi.importIntoTrack({ pieceId, trackId: "melody", file: asFile(writeMidiFile(song)) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await collab.readDoc(pieceId, readNotes)).toEqual([]);
  });
});
