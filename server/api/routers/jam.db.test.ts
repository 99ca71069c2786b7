/**
 * The jam router over the real collab server and the fake model (bars come back at once, so what is timed here is the
 * server's scheduling): Bo leads, plays a phrase, the model's bars appear in the piece's `jams` map before their
 * downbeats, and Keep writes Bo's notes as his and the model's as its own, both named "jam". Discard leaves the piece as
 * it was; a reviewer watches and cannot play; a second start is refused; a client cannot write the `jams` map.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, noteLedger } from "../../../db/schema";
import { docMaps, readNotes, type Note } from "../../../lib/doc-schema";
import { downbeat } from "../../../lib/jam/plan";
import { WATCH_ONLY } from "../jam-access";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";
import { FAKE_MODEL } from "../fake-inference";

const BAR = 1920;
const settings = { mode: "accompaniment" as const, startBar: 2, bars: 2, bpm: 140, playerTrack: "melody", modelTracks: ["bass"] };
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

describe("jam router", () => {
  let world: CollabTestWorld;
  let ada: Person; // owner
  let bo: Person; // editor, who leads
  let cy: Person; // reviewer
  let pieceId: string;
  const viewOf = (jamId: string) => world.collab.readDoc(pieceId, (d) => docMaps(d).jams.get(jamId));
  const notesNow = () => world.collab.readDoc(pieceId, readNotes);
  const piece: Note[] = [
    { track: "melody", pitch: 67, start: 2 * BAR, duration: 480, velocity: 90 }, // in the loop: replaced by Keep
    { track: "bass", pitch: 43, start: 3 * BAR, duration: 960, velocity: 90 }, // in the loop: replaced
    { track: "chords", pitch: 60, start: 2 * BAR, duration: BAR, velocity: 70 }, // not a jam track: stays
    { track: "melody", pitch: 72, start: 5 * BAR, duration: 480, velocity: 90 }, // after the loop: stays
  ];

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [ada, bo, cy] = [await world.signUp("Ada"), await world.signUp("Bo"), await world.signUp("Cy")];
    ({ id: pieceId } = await ada.api.piece.create({ title: "Jam session" }));
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
    await cy.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "reviewer" }));
    await world.drawNotes(pieceId, ada, piece);
  });
  afterAll(() => world.close());

  it("tells any member the server's time", async () => {
    const before = Date.now();
    const { serverNow } = await cy.api.jam.time({ pieceId });
    expect(serverNow).toBeGreaterThanOrEqual(before);
    expect(serverNow).toBeLessThanOrEqual(Date.now());
  });

  it("a reviewer can watch a jam, not start one or play in it", async () => {
    await expect(cy.api.jam.start({ pieceId, settings })).rejects.toMatchObject({ code: "FORBIDDEN", message: WATCH_ONLY });
    const { jamId } = await bo.api.jam.start({ pieceId, settings });
    try {
      const played = cy.api.jam.play({ pieceId, jamId, notes: [{ pitch: 60, velocity: 90, at: Date.now(), ms: 200 }] });
      await expect(played).rejects.toMatchObject({ code: "FORBIDDEN", message: WATCH_ONLY });
      await expect(ada.api.jam.play({ pieceId, jamId, notes: [{ pitch: 60, velocity: 90, at: Date.now(), ms: 200 }] })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "Bo leads this jam; to play in it, play along on a track of your own",
      });
      await expect(cy.api.jam.stop({ pieceId, jamId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await viewOf(jamId))?.played).toEqual([]);
    } finally {
      await bo.api.jam.discard({ pieceId, jamId });
    }
  });

  it("refuses a second jam while one plays, naming who leads, and settings the piece cannot take", async () => {
    const { jamId } = await bo.api.jam.start({ pieceId, settings });
    try {
      await expect(ada.api.jam.start({ pieceId, settings })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Bo is leading a jam") });
    } finally {
      await ada.api.jam.discard({ pieceId, jamId }); // an owner may end anyone's jam
    }
    await expect(bo.api.jam.start({ pieceId, settings: { ...settings, modelTracks: ["strings"] } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'The piece has no track "strings"',
    });
    await expect(bo.api.jam.start({ pieceId, settings: { ...settings, startBar: 5 } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("goes past the end of the piece at bar 6") });
  });

  it("a client cannot write the jams map: a new entry and a change to the server's view are reverted", async () => {
    const { jamId } = await bo.api.jam.start({ pieceId, settings });
    try {
      const served = await viewOf(jamId);
      await world.edit(pieceId, ada, (maps) => {
        maps.jams.set("forged", { ...served!, id: "forged" });
        maps.jams.set(jamId, { ...served!, leaderName: "Ada" });
      });
      const jams = await world.collab.readDoc(pieceId, (d) => [...docMaps(d).jams.values()]);
      expect(jams.map((j) => [j.id, j.leaderName])).toEqual([[jamId, "Bo"]]);
    } finally {
      await bo.api.jam.discard({ pieceId, jamId });
    }
  });

  it("Bo plays a phrase, the model's bars appear in time, and Keep credits Bo's notes to Bo and the model's to the model, as a jam", async () => {
    const before = Date.now();
    const { jamId, clock, serverNow } = await bo.api.jam.start({ pieceId, settings });
    expect(serverNow).toBeGreaterThanOrEqual(before);
    expect(clock.startAt - serverNow).toBeCloseTo(clock.barMs, -1); // one bar of count-in
    const started = (await viewOf(jamId))!;
    expect(started).toMatchObject({ leaderId: bo.user.id, leaderName: "Bo", status: "playing", settings: { ...settings, grid: 120, callBars: 2 } });

    // A quarter-note phrase over the loop's two bars, sent as the count-in ends.
    const phrase = [60, 62, 64, 65, 67, 65, 64, 62].map((pitch, i) => ({ pitch, velocity: 90, at: clock.startAt + i * clock.beatMs, ms: clock.beatMs * 0.9 }));
    await sleepUntil(clock.startAt - 100);
    expect(await bo.api.jam.play({ pieceId, jamId, notes: phrase })).toEqual({ played: 8 });
    expect((await viewOf(jamId))!.played).toEqual(phrase);

    await sleepUntil(downbeat(clock, 2) + 200); // into the second pass: the first is whole
    const playing = (await viewOf(jamId))!;
    const bars = playing.bars.filter((b) => b.takeBar < 3);
    expect(bars.map((b) => [b.takeBar, b.pieceBar])).toEqual([[0, 2], [1, 3], [2, 2]]);
    for (const b of bars) {
      expect(b.readyAt).toBeLessThan(b.due); // on the wire before its downbeat
      expect(b.notes).toEqual([{ track: "bass", pitch: 0, start: 0, duration: 480, velocity: 80 }]);
    }
    expect(playing.missed).toEqual([]);
    expect(await bo.api.jam.stop({ pieceId, jamId })).toMatchObject({ jamId });
    expect((await viewOf(jamId))!.status).toBe("stopped");

    const kept = await bo.api.jam.keep({ pieceId, jamId });
    expect(kept).toMatchObject({ jamId, pass: 0 });
    expect(await viewOf(jamId)).toBeUndefined();
    const notes = await notesNow();
    const inLoop = (track: string) => notes.filter((n) => n.track === track && n.start >= 2 * BAR && n.start < 4 * BAR).sort((a, b) => a.start - b.start);
    expect(inLoop("melody").map((n) => [n.pitch, n.start])).toEqual(phrase.map((p, i) => [p.pitch, 2 * BAR + i * 480]));
    expect(inLoop("bass").map((n) => [n.pitch, n.start])).toEqual([[0, 2 * BAR], [0, 3 * BAR]]);
    // What Keep wrote and what it replaced, for the keeper's undo step (app/_components/piano-roll/accept-step.ts).
    expect(kept.added.map((n) => n.id).sort()).toEqual([...kept.modelNoteIds, ...kept.playerNoteIds].sort());
    expect(kept.added.sort((a, b) => a.id.localeCompare(b.id))).toEqual(notes.filter((n) => kept.added.some((a) => a.id === n.id)).sort((a, b) => a.id.localeCompare(b.id)));
    expect(kept.replaced.map((n) => n.pitch).sort()).toEqual(expect.arrayContaining([43, 67]));
    const untouched = notes.filter((n) => !["melody", "bass"].includes(n.track) || n.start >= 4 * BAR).sort((a, b) => a.start - b.start);
    expect(untouched.map(({ id: _id, ...n }) => n)).toEqual([piece[2], piece[3]]);

    const [row] = await world.handle.db.select().from(generations).where(eq(generations.id, kept.generationId));
    expect(row).toMatchObject({ mode: "jam", requestedBy: bo.user.id, decidedBy: bo.user.id, outcome: "accepted", model: FAKE_MODEL.name, modelVersion: FAKE_MODEL.version });
    expect(row.settings).toEqual({ mode: "accompaniment", bpm: 140, loop: { startBar: 2, bars: 2 }, callBars: 2, grid: 120, controls: {}, playerTrack: "melody", modelTracks: ["bass"], pass: 0 });
    const ledger = await world.handle.db.select().from(noteLedger).where(eq(noteLedger.generationId, kept.generationId));
    const creates = ledger.filter((r) => r.action === "create");
    const byBo = creates.filter((r) => r.authorKind === "human");
    expect(byBo.map((r) => r.noteId).sort()).toEqual([...kept.playerNoteIds].sort());
    expect(new Set(byBo.map((r) => r.actorId))).toEqual(new Set([bo.user.id]));
    expect(creates.filter((r) => r.authorKind === "model").map((r) => r.noteId).sort()).toEqual([...kept.modelNoteIds].sort());
    expect(ledger.filter((r) => r.action === "delete").map((r) => [(r.before as Note).pitch, r.authorKind])).toEqual(expect.arrayContaining([[67, "human"], [43, "human"]]));
    const [hers, its] = await world.collab.readDoc(pieceId, (d) => [kept.playerNoteIds[0], kept.modelNoteIds[0]].map((id) => docMaps(d).provenance.get(id)));
    expect(hers).toEqual({ kind: "human", userId: bo.user.id });
    expect(its).toMatchObject({ kind: "model", model: FAKE_MODEL.name, generationId: kept.generationId, acceptedBy: bo.user.id });

    // The ledger, the note history and the report say "jam".
    const rows = await ada.api.authorship.ledger({ pieceId, afterSeq: Math.min(...ledger.map((r) => r.seq)) - 1 });
    expect(rows.filter((r) => r.generationId === kept.generationId).every((r) => r.generationMode === "jam")).toBe(true);
    const played = await cy.api.authorship.noteHistory({ pieceId, noteId: kept.playerNoteIds[0] });
    expect(played.label).toBe("Played by Bo in a jam");
    expect(played.events[0].summary).toBe("Played in a jam by Bo (accompaniment, 140 bpm, bars 3-4)");
    const answer = await cy.api.authorship.noteHistory({ pieceId, noteId: kept.modelNoteIds[0] });
    expect(answer.label).toBe(`AI-generated (${FAKE_MODEL.name} ${FAKE_MODEL.version}), jam answer to Bo`);
    expect(answer.events[0].summary).toBe(`Jam answer to Bo by ${FAKE_MODEL.name} ${FAKE_MODEL.version} (accompaniment, 140 bpm, bars 3-4); kept by Bo`);
    const report = await cy.api.authorship.report({ pieceId });
    const jammed = report.timeline.filter((e) => e.kind === "jammed");
    expect(jammed.map((e) => [e.actorName, e.notes])).toEqual(expect.arrayContaining([["Bo", 8], [`${FAKE_MODEL.name} (jam answer to Bo)`, 2]]));
    expect(report.acceptance.overall.requests).toBe(0); // a kept take was never a choice among candidates
  }, 20_000);

  it("Discard leaves the piece as it was", async () => {
    const notes = await notesNow();
    const rowsBefore = await world.handle.db.select().from(generations).where(eq(generations.pieceId, pieceId));
    const { jamId, clock } = await ada.api.jam.start({ pieceId, settings: { ...settings, mode: "call-and-response", bars: 4, callBars: 1 } });
    await ada.api.jam.play({ pieceId, jamId, notes: [{ pitch: 70, velocity: 100, at: clock.startAt, ms: 300 }] });
    await sleepUntil(downbeat(clock, 2) + 100);
    expect((await viewOf(jamId))?.bars.map((b) => b.takeBar)).toEqual([1]); // the answer to the first call
    expect(await ada.api.jam.discard({ pieceId, jamId })).toEqual({ jamId });
    expect(await viewOf(jamId)).toBeUndefined();
    expect(await notesNow()).toEqual(notes);
    expect(await world.handle.db.select().from(generations).where(eq(generations.pieceId, pieceId))).toEqual(rowsBefore);
    await expect(ada.api.jam.keep({ pieceId, jamId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 15_000);

  it("Ada plays along on a track of her own: everyone sees her notes, and Keep credits them to her, as a jam", async () => {
    const { jamId, clock } = await bo.api.jam.start({ pieceId, settings });
    const join = (who: Person, track: string) => who.api.jam.join({ pieceId, jamId, track });
    await expect(join(cy, "chords")).rejects.toMatchObject({ code: "FORBIDDEN", message: WATCH_ONLY }); // a reviewer watches
    await expect(join(ada, "bass")).rejects.toMatchObject({ code: "CONFLICT", message: 'The jam plays track "bass" already: pick another' });
    await expect(join(ada, "strings")).rejects.toMatchObject({ code: "BAD_REQUEST", message: 'The piece has no track "strings"' });
    await expect(join(bo, "chords")).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("You lead this jam") });
    expect(await join(ada, "chords")).toEqual({ track: "chords" });

    // Her notes are in the jam's time: chords on the loop's two downbeats.
    const chords = [0, 1].map((bar) => ({ pitch: 48 + bar * 5, velocity: 70, at: downbeat(clock, bar), ms: clock.barMs * 0.9 }));
    await sleepUntil(clock.startAt);
    expect(await ada.api.jam.play({ pieceId, jamId, notes: chords })).toEqual({ played: 2 });
    expect((await viewOf(jamId))!.alongs).toEqual([{ userId: ada.user.id, name: "Ada", track: "chords", played: chords }]);
    expect((await viewOf(jamId))!.played).toEqual([]); // not the leader's

    await sleepUntil(downbeat(clock, 2) + 200);
    await bo.api.jam.stop({ pieceId, jamId });
    const kept = await bo.api.jam.keep({ pieceId, jamId });
    const hers = kept.alongNoteIds[ada.user.id];
    expect(hers).toHaveLength(2);
    const notes = await notesNow();
    const loopChords = notes.filter((n) => n.track === "chords" && n.start >= 2 * BAR && n.start < 4 * BAR);
    expect(loopChords.map((n) => [n.id, n.pitch, n.start])).toEqual([[hers[0], 48, 2 * BAR], [hers[1], 53, 3 * BAR]]); // the piece's chord there is replaced
    const provenance = await world.collab.readDoc(pieceId, (d) => hers.map((id) => docMaps(d).provenance.get(id)));
    expect(provenance).toEqual([{ kind: "human", userId: ada.user.id }, { kind: "human", userId: ada.user.id }]);
    const history = await cy.api.authorship.noteHistory({ pieceId, noteId: hers[0] });
    expect(history.label).toBe("Played by Ada in a jam");
    expect(kept.added.map((n) => n.id)).toEqual(expect.arrayContaining(hers)); // Bo's undo of the Keep takes them back too
  }, 20_000);
});
