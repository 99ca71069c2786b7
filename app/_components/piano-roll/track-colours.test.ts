import { describe, expect, it } from "vitest";
import { trackLabels } from "./track-colours";

const t = (id: string, name: string, order: number) => ({ id, name, order });

describe("trackLabels", () => {
  it("is each track's initial when the initials differ", () => {
    const labels = trackLabels([t("m", "Melody", 0), t("c", "Chords", 1), t("b", "bass", 2), t("d", "Drums", 3)]);
    expect([...labels]).toEqual([["m", "M"], ["c", "C"], ["b", "B"], ["d", "D"]]);
  });

  it("numbers tracks that share an initial, in track order", () => {
    const labels = trackLabels([t("x", "Melody 2", 4), t("m", "Melody", 0), t("c", "Chords", 1), t("k", "Keys", 2), t("c2", "Choir", 3)]);
    expect(labels.get("m")).toBe("M1");
    expect(labels.get("x")).toBe("M2");
    expect(labels.get("c")).toBe("C1");
    expect(labels.get("c2")).toBe("C2");
    expect(labels.get("k")).toBe("K");
  });
});
