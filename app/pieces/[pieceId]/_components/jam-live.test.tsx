import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Track } from "@/lib/doc-schema";
import { jamClock } from "@/lib/jam/plan";
import { jamSettingsSchema } from "@/lib/jam/settings";
import { testJamView } from "@/lib/jam/test-jam-view";
import type { Jam } from "@/app/_jam/use-jam";
import { JamLive } from "./jam-live";

const settings = jamSettingsSchema.parse({ mode: "call-and-response", startBar: 0, bars: 4, callBars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["counter"] });
const clock = jamClock(10_000, 120, { beatsPerBar: 4, beatUnit: 4 });
const tracks = new Map<string, Track>([
  ["melody", { name: "Melody", role: "melody" } as Track],
  ["counter", { name: "Counter", role: "counter" } as Track],
  ["chords", { name: "Chords", role: "chords" } as Track],
]);
const bar2 = { takeBar: 2, pieceBar: 2, due: 14_000, readyAt: 13_000, notes: [] };

function render(over: Partial<Jam>, view = testJamView(settings, clock, { bars: [bar2], missed: [{ takeBar: 3, why: "late" }] }), owner = false, canPlay = false) {
  const noop = () => undefined;
  const jam = { view, leader: false, leading: false, listening: false, metronome: false, busy: false, serverNow: () => 14_500, play: noop, setListening: noop, setMetronome: noop, stop: async () => undefined, keep: noop, discard: noop, ...over } as unknown as Jam & { view: typeof view };
  return renderToStaticMarkup(<JamLive jam={jam} tracks={tracks} owner={owner} canPlay={canPlay} />);
}

describe("the live jam in the panel", () => {
  it("shows the leader where they are, the pass's bars, the missed bar, Stop and the keys to play", () => {
    const html = render({ leader: true, leading: true, playsIn: true });
    expect(html).toContain("You lead");
    expect(html).toContain("Now at bar 3, pass 1: the model plays");
    expect(html.match(/data-state="(\w+)"/g)).toEqual(['data-state="you"', 'data-state="you"', 'data-state="ready"', 'data-state="late"']);
    expect(html).toContain("1 model bar missed: left silent rather than played late.");
    expect(html).toContain(">Stop</button>");
    expect(html).toContain('aria-label="On-screen keyboard"');
    expect(html).not.toContain("Listen");
  });

  it("lets the others listen, not play or stop, and says who decides about the take", () => {
    const playing = render({});
    expect(playing).toContain("Ann leads");
    expect(playing).toContain('aria-pressed="false">Listen</button>');
    expect(playing).not.toContain("On-screen keyboard");
    expect(playing).not.toContain(">Stop</button>");
    const stopped = render({}, testJamView(settings, clock, { status: "stopped", endedAt: 15_000 }));
    expect(stopped).toContain("Waiting for Ann to keep or discard the take.");
    expect(stopped).not.toContain(">Keep</button>");
    expect(render({}, testJamView(settings, clock, { status: "stopped", endedAt: 15_000 }), true)).toContain(">Keep</button>");
  });

  it("offers an editor who does not lead the tracks the jam leaves free, and their keys once they play along", () => {
    const offer = render({ userId: "u2", along: null }, undefined, false, true);
    expect(offer).toContain("Play along on");
    expect(offer.match(/<option[^>]*>(\w+)<\/option>/g)).toEqual(['<option value="chords" selected="">Chords</option>']);
    expect(offer).not.toContain("On-screen keyboard");
    expect(render({ userId: "u2", along: null })).not.toContain("Play along on"); // a reviewer or viewer watches

    const joined = testJamView(settings, clock, { alongs: [{ userId: "u2", name: "Bo", track: "chords", played: [] }] });
    const html = render({ userId: "u2", along: "chords", playsIn: true }, joined, false, true);
    expect(html).toContain("you play Chords along.");
    expect(html).toContain("You play Chords along: your keys go into the take");
    expect(html).toContain('aria-label="On-screen keyboard"');
    expect(render({ userId: "u3", along: null }, joined, false, true)).toContain("Bo plays Chords along");
  });
});
