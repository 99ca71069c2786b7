import { describe, expect, it } from "vitest";
import { DRUM_TRACK, type TokNote } from "../tokenizer";
import { styleFeatures, trainStyleClassifier } from "./style-classifier";

const hit = (pitch: number, start: number): TokNote => ({ track: DRUM_TRACK, pitch, start, duration: 3 });
/** Two bars of a straight backbeat (kick 1 and 3, snare 2 and 4, eighth hats), shifted by `jitter` sixteenths. */
const rock = (jitter: number): TokNote[] =>
  [0, 48].flatMap((bar) => [
    hit(36, bar), hit(36, bar + 24), hit(38, bar + 12), hit(38, bar + 36),
    ...[0, 6, 12, 18, 24, 30, 36, 42].map((e) => hit(42, bar + ((e + jitter * 3) % 48))),
  ]);
/** Two bars of a swung ride (triplet grid) with a soft kick on one. */
const jazz = (jitter: number): TokNote[] =>
  [0, 48].flatMap((bar) => [hit(36, bar), ...[0, 12, 20, 24, 36, 44].map((t) => hit(51, bar + ((t + jitter * 12) % 48)))]);

describe("style classifier", () => {
  it("learns labelled drum patterns and tells unseen variations of them apart", () => {
    const data = [0, 1, 2].flatMap((j) => [
      { x: styleFeatures(rock(j), 2), label: "rock" },
      { x: styleFeatures(jazz(j), 2), label: "jazz" },
    ]);
    const clf = trainStyleClassifier(data);
    expect(clf.labels).toEqual(["jazz", "rock"]);
    expect([clf.predict(styleFeatures(rock(3), 2)), clf.predict(styleFeatures(jazz(3), 2))]).toEqual(["rock", "jazz"]);
  });

  it("counts off-grid onsets as swing", () => {
    expect(styleFeatures(jazz(0), 2).at(-1)).toBeCloseTo(2 / 7); // the swung eighths off each ride beat
    expect(styleFeatures(rock(0), 2).at(-1)).toBe(0);
  });
});
