import { describe, expect, it } from "vitest";
import type { PlayedNote } from "@/lib/jam/take";
import { BATCH_NOTES, createJamRecorder } from "./jam-recorder";

function recorder(beatMs = 500) {
  const clock = { t: 10_000 };
  const sent: PlayedNote[][] = [];
  const r = createJamRecorder({ now: () => clock.t, send: (notes) => sent.push(notes), beatMs });
  return { r, clock, sent };
}

describe("the leader's recorder", () => {
  it("makes each press and release one note, on the server's clock, sent a beat after the last send", () => {
    const { r, clock, sent } = recorder();
    clock.t = 10_100;
    r.noteOn(60, 100);
    clock.t = 10_350;
    r.noteOff(60);
    r.tick();
    expect(sent).toEqual([]); // 350 ms since the recorder began: not a beat yet
    clock.t = 10_500;
    r.tick();
    expect(sent).toEqual([[{ pitch: 60, velocity: 100, at: 10_100, ms: 250 }]]);
    clock.t = 11_200;
    r.tick();
    expect(sent).toHaveLength(1); // nothing waited
  });

  it("sends at once when a batch is full", () => {
    const { r, sent } = recorder();
    for (let i = 0; i < BATCH_NOTES + 1; i++) {
      r.noteOn(50 + i, 80);
      r.noteOff(50 + i);
    }
    expect(sent.map((b) => b.length)).toEqual([BATCH_NOTES]);
  });

  it("ends held keys when the take ends, ignores a release it never saw pressed, and keeps velocities in MIDI's range", () => {
    const { r, clock, sent } = recorder();
    r.noteOff(61);
    r.noteOn(64, 300);
    clock.t = 10_400;
    r.noteOn(64, 0.4); // pressed again from another input before it was let go
    clock.t = 10_900;
    r.finish();
    expect(sent).toEqual([
      [
        { pitch: 64, velocity: 127, at: 10_000, ms: 400 },
        { pitch: 64, velocity: 1, at: 10_400, ms: 500 },
      ],
    ]);
  });
});

describe("a note held over a beat", () => {
  it("is sent as held on the beat, so listeners start it in time, and again whole on its release", () => {
    const { r, clock, sent } = recorder();
    clock.t = 10_100;
    r.noteOn(48, 90);
    clock.t = 10_500;
    r.tick(); // a beat since the last send, but the key is down for less than a beat: nothing yet
    expect(sent).toEqual([]);
    clock.t = 11_000;
    r.tick();
    expect(sent).toEqual([[{ pitch: 48, velocity: 90, at: 10_100, ms: 900, held: true }]]);
    clock.t = 11_600;
    r.tick(); // told once
    expect(sent).toHaveLength(1);
    clock.t = 13_000;
    r.noteOff(48);
    clock.t = 13_500;
    r.tick();
    expect(sent[1]).toEqual([{ pitch: 48, velocity: 90, at: 10_100, ms: 2_900 }]);
  });
});
