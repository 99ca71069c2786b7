import { describe, expect, it } from "vitest";
import { withBar, type JamView } from "./view";

const bar = (takeBar: number, pitch: number) => ({ takeBar, pieceBar: takeBar, due: 1_000 * takeBar, readyAt: 900 * takeBar, notes: [{ track: "bass", pitch, start: 0, duration: 480, velocity: 90 }] });
const view = (over: Partial<JamView>) => ({ bars: [], missed: [], ...over }) as unknown as JamView;

describe("a jam's view as its bars come", () => {
  it("adds a bar, and puts an answer asked again in its first one's place, a miss included", () => {
    const first = withBar(view({}), bar(2, 40));
    expect(first.bars).toEqual([bar(2, 40)]);
    const again = withBar(withBar(first, bar(3, 43)), bar(2, 45));
    expect(again.bars.map((b) => [b.takeBar, b.notes[0].pitch])).toEqual([[3, 43], [2, 45]]);
    expect(withBar(view({ missed: [{ takeBar: 2, why: "failed" }, { takeBar: 6, why: "late" }] }), bar(2, 40)).missed).toEqual([{ takeBar: 6, why: "late" }]);
  });
});
