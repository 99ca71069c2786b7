/**
 * The live jams' hub with the fake model and a collab that records the views: one jam playing a piece at a time, the
 * view bounded to two passes, and the jams that end by themselves (idle, leader gone, take left undecided, shutdown).
 */
import { afterEach, describe, expect, it } from "vitest";
import { jamClock } from "../../lib/jam/plan";
import { jamSettingsSchema } from "../../lib/jam/settings";
import type { JamView } from "../../lib/jam/view";
import { createFakeInference } from "../api/fake-inference";
import { takeFromView } from "./adopt";
import { META, TRACKS, testPiece } from "../inference/test-piece";
import { createJamHub } from "./hub";
import { trimmed } from "./trim";
import { JamConflictError, type JamHub } from "./types";

const settings = jamSettingsSchema.parse({ mode: "accompaniment", startBar: 2, bars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["bass"] });
const piece = { notes: testPiece(8), tracks: TRACKS, meta: META };
const ada = { id: "u-ada", name: "Ada" };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeCollab() {
  const views = new Map<string, JamView>();
  const online = new Set<string>();
  return {
    views,
    online,
    putJamView: async (_pieceId: string, v: JamView) => void views.set(v.id, v),
    removeJamView: async (_pieceId: string, id: string) => void views.delete(id),
    isConnected: (pieceId: string, userId: string) => online.has(`${pieceId}:${userId}`),
  };
}

let hub: JamHub | undefined;
afterEach(() => hub?.close());

const start = (h: JamHub, pieceId = "p1", startAt = Date.now() + 1000) =>
  h.start({ pieceId, leader: ada, settings, clock: jamClock(startAt, 120, META), piece, inference: createFakeInference() });

describe("the jam hub", () => {
  it("runs one jam a piece: a second start names who leads; another piece may jam meanwhile", async () => {
    const collab = fakeCollab();
    hub = createJamHub({ collab, log: { warn() {} } });
    const jam = await start(hub);
    expect(collab.views.get(jam.view.id)?.status).toBe("playing");
    await expect(start(hub)).rejects.toThrow(new JamConflictError("Ada is leading a jam in this piece; join in by listening, or wait for it to stop"));
    await expect(start(hub, "p2")).resolves.toBeDefined();
    await hub.stop(jam);
    expect(collab.views.get(jam.view.id)?.status).toBe("stopped");
    await expect(start(hub)).resolves.toBeDefined(); // a stopped take waiting for Keep does not hold the piece
  });

  it("stops a jam nobody plays in, and one whose leader's sockets have gone; discards a take nobody keeps", async () => {
    const collab = fakeCollab();
    hub = createJamHub({ collab, log: { warn() {} }, times: { idle: 300, undecided: 300, check: 10 } });
    const idle = await start(hub, "p1"); // Ada plays p1 with no socket open (as an API test does): never "gone"
    collab.online.add(`p2:${ada.id}`);
    const left = await start(hub, "p2");
    await wait(100);
    await hub.play(idle, [{ pitch: 60, velocity: 90, at: Date.now(), ms: 100 }]);
    collab.online.delete(`p2:${ada.id}`); // her last socket on p2 closes
    await wait(100);
    expect(collab.views.get(left.view.id)?.status).toBe("stopped");
    expect(collab.views.get(idle.view.id)?.status).toBe("playing"); // she played 100 ms ago
    await wait(350);
    expect(collab.views.get(idle.view.id)?.status).toBe("stopped"); // 300 ms without a note
    expect(collab.views.has(left.view.id)).toBe(false); // stopped 300+ ms ago, never kept
    await wait(300);
    expect(collab.views.size).toBe(0);
    expect(await hub.claim(idle)).toBeNull();
  });

  it("keeps a jam going while only someone playing along plays: their notes count as playing", async () => {
    const collab = fakeCollab();
    hub = createJamHub({ collab, log: { warn() {} }, times: { idle: 300, check: 10 } });
    const jam = await start(hub, "p1", Date.now());
    await hub.join(jam, { id: "u-bo", name: "Bo" }, "chords");
    for (let i = 0; i < 5; i++) {
      await wait(100); // 500 ms in all, past the 300 ms idle limit: the leader plays nothing
      await hub.playAlong(jam, { id: "u-bo" }, [{ pitch: 60 + i, velocity: 90, at: Date.now(), ms: 100 }]);
    }
    expect(collab.views.get(jam.view.id)?.status).toBe("playing");
    await wait(400); // nobody plays now
    expect(collab.views.get(jam.view.id)?.status).toBe("stopped");
  });

  it("hands a stopped take to Keep once; shutdown stops every jam and removes its view", async () => {
    const collab = fakeCollab();
    hub = createJamHub({ collab, log: { warn() {} } });
    const jam = await start(hub, "p1", Date.now());
    const at = Date.now();
    await hub.play(jam, [{ pitch: 64, velocity: 80, at, ms: 200 }, { pitch: 48, velocity: 80, at, ms: 600, held: true }]);
    await hub.play(jam, [{ pitch: 48, velocity: 80, at, ms: 2_600 }]); // the held note's release takes its place
    expect(collab.views.get(jam.view.id)?.played).toEqual([{ pitch: 64, velocity: 80, at, ms: 200 }, { pitch: 48, velocity: 80, at, ms: 2_600 }]);
    expect(await hub.claim(jam)).toBeNull(); // still playing
    await hub.stop(jam);
    expect((await hub.claim(jam))?.played.map((n) => [n.pitch, n.ms])).toEqual([[64, 200], [48, 2_600]]);
    expect(await hub.claim(jam)).toBeNull();
    const other = await start(hub, "p2");
    await hub.close();
    expect(collab.views.has(other.view.id)).toBe(false);
  });

  it("holds a take taken over from a dead process (adopt.ts) as a stopped jam of its own: shown as it ended, kept, or discarded undecided", async () => {
    const collab = fakeCollab();
    let t = 5_100;
    const local = createJamHub({ collab, log: { warn() {} }, now: () => t, times: { undecided: 300, check: 10 } });
    hub = local;
    const ended = (id: string): JamView => ({
      id,
      leaderId: ada.id,
      leaderName: ada.name,
      settings,
      clock: jamClock(0, 120, META), // 2 s bars, a 2-bar loop: it ended 1 s into the second pass
      status: "stopped",
      played: [0, 3_000, 4_100].map((at) => ({ pitch: 60, velocity: 90, at, ms: 100 })),
      bars: [],
      missed: [],
      createdAt: 0,
      endedAt: 5_000,
    });
    const model = { name: "fake", version: "1" };
    await local.adopt({ pieceId: "p1", leader: ada, model, view: ended("j1"), take: takeFromView(ended("j1"))! });
    t = 13_000; // a stopped view is trimmed where it ended, whenever it is written
    await local.adopt({ pieceId: "p1", leader: ada, model, view: ended("j2"), take: takeFromView(ended("j2"))! });
    expect(collab.views.get("j2")?.played.map((n) => n.at)).toEqual([0, 3_000, 4_100]);
    expect((await local.claim({ pieceId: "p1", view: { id: "j2" } }))?.played).toHaveLength(3);
    await wait(50);
    expect(collab.views.has("j1")).toBe(false); // stopped 300+ ms ago, never kept
  });

  it("keeps the last two passes over the loop in the view", () => {
    const clock = jamClock(0, 120, META); // 2 s bars, a 2-bar loop: a pass is 4 s
    const view: JamView = {
      id: "j",
      leaderId: ada.id,
      leaderName: ada.name,
      settings,
      clock,
      status: "playing",
      played: [0, 3_000, 4_100, 8_000, 12_500].map((at) => ({ pitch: 60, velocity: 90, at, ms: 100 })),
      bars: [0, 1, 2, 3, 4, 5, 6].map((takeBar) => ({ takeBar, pieceBar: 2 + (takeBar % 2), due: takeBar * 2000, readyAt: takeBar * 2000 - 500, notes: [] })),
      missed: [{ takeBar: 1, why: "late" }],
      createdAt: 0,
    };
    expect(trimmed(view, 7_000)).toEqual(view); // in the second pass: both passes so far
    const later = trimmed(view, 13_000); // in the fourth pass (bar 6): the third and fourth
    expect(later.played.map((n) => n.at)).toEqual([8_000, 12_500]);
    expect(later.bars.map((b) => b.takeBar)).toEqual([4, 5, 6]);
    expect(later.missed).toEqual([]);
  });
});
