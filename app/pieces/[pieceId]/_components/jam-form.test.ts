import { describe, expect, it } from "vitest";
import type { Track } from "@/lib/doc-schema";
import { defaultJamForm, jamSettingsOf, modelTracksFor } from "./jam-form";

const track = (id: string, role: Track["role"]) => ({ id, name: id, role }) as Track & { id: string };
const tracks = [track("lead", "melody"), track("keys", "chords"), track("bass", "bass"), track("kit", "drums"), track("alto", "counter")];

describe("the Jam panel's form", () => {
  it("starts from the selected bars, the piece's tempo up to 140, the selected track, and a line for the model to answer on", () => {
    const form = defaultJamForm({ bpm: 152, tracks, track: "lead", selection: { startBar: 8, endBar: 12 } });
    expect(form).toMatchObject({ mode: "call-and-response", fromBar: 9, toBar: 12, bpm: 140, playerTrack: "lead", modelTracks: ["keys"], callBars: 2, grid: 120 });
    expect(defaultJamForm({ bpm: 90, tracks, track: "gone", selection: null })).toMatchObject({ fromBar: 1, toBar: 4, bpm: 90, playerTrack: "lead" });
  });

  it("gives accompaniment the rhythm section, never the leader's own track", () => {
    expect(modelTracksFor("accompaniment", tracks, "keys")).toEqual(["bass", "kit"]);
    expect(modelTracksFor("call-and-response", [track("kit", "drums"), track("lead", "melody")], "lead")).toEqual(["kit"]);
  });

  it("asks for the loop's bars from 0, with the mood's controls on the piece's key", () => {
    const form = { ...defaultJamForm({ bpm: 120, tracks, track: "lead", selection: null }), steering: { mood: "dark" as const, controls: { energy: 3 } } };
    const { settings } = jamSettingsOf(form, 9);
    expect(settings).toMatchObject({ startBar: 0, bars: 4, bpm: 120, modelTracks: ["keys"] });
    expect(settings?.controls).toEqual({ register: 1, energy: 3, density: 2, key: { tonic: 9, mode: "minor" } });
  });

  it("says what is wrong, naming the field", () => {
    const form = defaultJamForm({ bpm: 120, tracks, track: "lead", selection: null });
    expect(jamSettingsOf({ ...form, toBar: 3 }, 0).error).toBe("Loop: A loop of 3 bars does not hold whole calls and answers of 2 bars each; make it a multiple of 4");
    expect(jamSettingsOf({ ...form, modelTracks: [] }, 0).error).toMatch(/^The model's tracks: /);
  });
});
