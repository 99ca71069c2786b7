import * as Y from "yjs";
import { describe, expect, it, vi } from "vitest";
import { docMaps, type Note } from "../../lib/doc-schema";
import { jamClock } from "../../lib/jam/plan";
import { jamSettingsSchema } from "../../lib/jam/settings";
import { keepTake } from "../../lib/jam/take";
import type { JamView } from "../../lib/jam/view";
import { testJamView } from "../../lib/jam/test-jam-view";
import { adoptOrphan, takeFromView } from "./adopt";

const fourFour = { beatsPerBar: 4, beatUnit: 4 };
const settings = jamSettingsSchema.parse({ mode: "accompaniment", startBar: 2, bars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["bass"], grid: 120 });
const clock = jamClock(10_000, 120, fourFour); // a bar is 2 s: the first pass is 10 s to 14 s
const bass = (pitch: number): Note => ({ track: "bass", pitch, start: 0, duration: 480, velocity: 80 });
const model = { name: "tandem-fake", version: "1" };
// Written 1 s into the second pass by the process that then died: the first pass is whole.
const view = (over: Partial<JamView> = {}): JamView =>
  testJamView(settings, clock, {
    model,
    played: [{ pitch: 60, velocity: 90, at: 10_000, ms: 400 }, { pitch: 62, velocity: 90, at: 14_500, ms: 400 }],
    alongs: [{ userId: "u2", name: "Bo", track: "chords", played: [{ pitch: 48, velocity: 70, at: 12_000, ms: 1_500 }] }],
    bars: [1, 0, 2].map((takeBar) => ({ takeBar, pieceBar: 2 + (takeBar % 2), due: 10_000 + takeBar * 2_000, readyAt: 9_000 + takeBar * 2_000, notes: [bass(40 + takeBar)] })),
    writtenAt: 15_000,
    ...over,
  });

describe("a dead process's jam, its take rebuilt from its view", () => {
  it("ends where the view was last written, and Keep finds in it the leader's notes, those played along and the model's", () => {
    const take = takeFromView(view())!;
    expect(take).toMatchObject({ endedAt: 15_000, modelBars: [{ takeBar: 0 }, { takeBar: 1 }, { takeBar: 2 }] });
    const kept = keepTake(take, fourFour);
    expect(kept.pass).toBe(0);
    expect(kept.player.map((n) => [n.pitch, n.start])).toEqual([[60, 2 * 1920]]); // the second pass's note is not this pass's
    expect(kept.alongs.map((a) => [a.userId, a.notes.map((n) => n.start)])).toEqual([["u2", [3 * 1920]]]);
    expect(kept.model.map((n) => [n.pitch, n.start])).toEqual([[40, 2 * 1920], [41, 3 * 1920]]);
  });

  it("gives no take for less than a bar, nor for a view that never said when it was written; a stopped view ends where it stopped", () => {
    expect(takeFromView(view({ writtenAt: 11_900 }))).toBeNull();
    expect(takeFromView(view({ writtenAt: undefined }))).toBeNull();
    expect(takeFromView(view({ status: "stopped", endedAt: 12_500, writtenAt: 12_600 }))?.endedAt).toBe(12_500);
  });
});

describe("taking an orphan over", () => {
  const orphan = { pieceId: "p1", jamId: "j1", leaderId: "u1" };
  const world = (found: JamView | null, adopted = true) => {
    const doc = new Y.Doc();
    if (found) docMaps(doc).jams.set(found.id, found);
    return {
      claims: { adopt: vi.fn(async () => adopted), forget: vi.fn(async () => undefined) },
      collab: { readDoc: async <T>(_: string, fn: (d: Y.Doc) => T) => fn(doc), removeJamView: vi.fn(async () => undefined) },
      hub: { adopt: vi.fn(async () => undefined) },
      log: { warn() {} },
    };
  };

  it("becomes its home, shows it stopped where it was last written, and holds its take for Keep", async () => {
    const w = world(view());
    await adoptOrphan(orphan, w);
    expect(w.claims.adopt).toHaveBeenCalledWith("p1", { id: "j1", leaderId: "u1" });
    expect(w.hub.adopt).toHaveBeenCalledWith(
      expect.objectContaining({ pieceId: "p1", leader: { id: "u1", name: "Ann" }, model, view: expect.objectContaining({ status: "stopped", endedAt: 15_000 }), take: expect.objectContaining({ endedAt: 15_000 }) }),
    );
    expect([w.claims.forget, w.collab.removeJamView].map((f) => f.mock.calls.length)).toEqual([0, 0]);
  });

  it("removes a view that gives no take, or that names no model, and lets the jam go", async () => {
    for (const found of [view({ writtenAt: 11_000 }), view({ model: undefined }), null]) {
      const w = world(found);
      await adoptOrphan(orphan, w);
      expect(w.hub.adopt).not.toHaveBeenCalled();
      expect(w.claims.forget).toHaveBeenCalledWith("p1", "j1");
      expect(w.collab.removeJamView).toHaveBeenCalledWith("p1", "j1");
    }
  });

  it("leaves a jam another process took over first alone", async () => {
    const w = world(view(), false);
    await adoptOrphan(orphan, w);
    expect([w.hub.adopt, w.claims.forget, w.collab.removeJamView].map((f) => f.mock.calls.length)).toEqual([0, 0, 0]);
  });
});
