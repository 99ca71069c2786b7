import { describe, expect, it } from "vitest";
import { BAR, tok } from "../../../models/tokenizer";
import { countContexts, openStyleMemory, styleMemorySchema, trackStream, trainingStreams, type StyleMemoryArtifact } from "./style-memory";

const note = (pos: number, pitch: number) => [tok.pos(pos), tok.dur(3), tok.pitch(pitch)];
/** Four bars of a two-track piece: drums hit 36 then 38, the melody plays 72. */
const stream = Array.from({ length: 4 }, () => [BAR, tok.track(0), ...note(0, 72), tok.track(3), ...note(0, 36), ...note(24, 38)]).flat();

const artifact = (over: Partial<StyleMemoryArtifact> = {}): StyleMemoryArtifact => ({
  kind: "style-memory",
  version: 1,
  tokenizer: "tandem-fim-1",
  order: 4,
  weights: { bar: [0, 0, 0, 0.5], track: [0, 0, 0, 0.5], pos: [0, 0.1, 0.2, 0.6], dur: [0, 0, 0, 0.5], pitch: [0, 0, 0, 0.5] },
  sources: [{ pieceId: "song-1", tokens: stream }],
  fingerprint: "a".repeat(64),
  builtAt: "2026-12-05T00:00:00.000Z",
  ...over,
});

describe("style memory", () => {
  it("round-trips through its schema as stored JSON, and refuses an artifact without sources or version", () => {
    const a = artifact();
    expect(styleMemorySchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(styleMemorySchema.safeParse({ ...a, sources: [] }).success).toBe(false);
    expect(styleMemorySchema.safeParse({ ...a, version: 2 }).success).toBe(false);
    expect(styleMemorySchema.safeParse({ ...a, fingerprint: "x" }).success).toBe(false);
  });

  it("reads a track alone as a one-track region would, and trains on the whole and on each track", () => {
    const drums = trackStream(stream, 3);
    expect(drums.slice(0, 8)).toEqual([BAR, tok.track(3), ...note(0, 36), ...note(24, 38)]);
    expect(trainingStreams([{ tokens: stream }])).toHaveLength(3);
    const levels = countContexts([stream], 2);
    expect(levels[0].get("")!.total).toBe(stream.length - 1);
    expect(levels[1].get(String(tok.pos(24)))!.counts.get(tok.dur(3))).toBe(4);
  });

  it("predicts what its pieces did after the same history, normalized over the allowed ids", () => {
    const m = openStyleMemory(artifact());
    const pitches = [tok.pitch(36), tok.pitch(38), tok.pitch(42)];
    const history = [BAR, tok.track(3), ...note(0, 36), tok.pos(24), tok.dur(3)];
    const { q, matched } = m.predict(history, pitches);
    expect(q.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(q[1]).toBeGreaterThan(0.8); // 38 came after a hit at 24 every time
    expect(matched).toBe(3);
    const unseen = m.predict([BAR, tok.track(1)], [tok.pos(0), tok.pos(12)]);
    expect(unseen.matched).toBeLessThan(2);
    expect(m.weight("pos", 3)).toBe(0.6);
    expect(m.weight("pos", 9)).toBe(0.6); // longer than the order: the last weight
  });
});
