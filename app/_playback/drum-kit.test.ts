import { describe, expect, it } from "vitest";
import { DRUM_SAMPLES, drumHit, pianoSampleUrls } from "./drum-kit";
import { readdirSync } from "node:fs";
import { join } from "node:path";

describe("drum kit", () => {
  it("plays the General MIDI kit from its samples, soft or hard by velocity", () => {
    expect(drumHit(36, 0.9).sample).toBe("kick_hard");
    expect(drumHit(36, 0.2).sample).toBe("kick_soft");
    expect(drumHit(38, 1).sample).toBe("snare_hard");
    expect([42, 44, 46].map((p) => drumHit(p, 1).sample)).toEqual(["cymbal_closed", "cymbal_pedal", "cymbal_open"]);
    expect([41, 43].map((p) => drumHit(p, 1))).toEqual([
      { sample: "tom_lo_hard", gain: 1, detune: -2 },
      { sample: "tom_lo_hard", gain: 1, detune: 0 },
    ]);
    expect(drumHit(64, 1)).toEqual({ sample: "cymbal_closed", gain: 0.4, detune: 0 }); // a conga, played quietly
  });

  it("ships every sample it names, with the app", () => {
    const shipped = readdirSync(join(import.meta.dirname, "../../public/samples/drums"));
    expect(DRUM_SAMPLES.filter((s) => !shipped.includes(`${s}.flac`))).toEqual([]);
  });

  it("maps the piano's samples every minor third from A0 to C8", () => {
    const urls = pianoSampleUrls();
    expect(Object.keys(urls)).toHaveLength(30);
    expect(urls["D#4"]).toBe("Ds4.mp3");
    expect(urls.C8).toBe("C8.mp3");
  });
});
