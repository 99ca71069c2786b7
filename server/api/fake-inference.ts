/** A deterministic Inference for router tests: what it writes is known in advance, and a test can make it fail or hang. */
import type { Note } from "../../lib/doc-schema";
import { tickOfBar } from "../../lib/time";
import type { Inference, InferenceRequest, InferenceResult } from "../inference/types";

export interface FakeInference extends Inference {
  behavior: "ok" | "fail" | "hang";
  /** While set, a request writes its notes only once this settles: a generation a test holds running. */
  gate?: Promise<unknown>;
  requests: InferenceRequest[];
}

export const FAKE_MODEL = { name: "fake-fim", version: "0.0.1" };

/** One quarter note a bar per candidate, on the region's first track; candidate c sits c semitones above pitchLo. */
export function createFakeInference(): FakeInference {
  const fake: FakeInference = {
    behavior: "ok",
    requests: [],
    models: () => [{ ...FAKE_MODEL, provider: "cpu", sha256: "0".repeat(64) }],
    async generate(req): Promise<InferenceResult> {
      fake.requests.push(req);
      if (fake.behavior === "fail") throw new Error("the session ran out of memory");
      if (fake.behavior === "hang") return new Promise<never>(() => {});
      await fake.gate;
      const { region, meta } = req;
      const candidates: Note[][] = [];
      for (let c = 0; c < req.candidates; c++) {
        const notes: Note[] = [];
        for (let bar = region.startBar; bar < region.endBar; bar++) {
          const note = { track: region.trackIds[0], pitch: Math.min(region.pitchLo + c, region.pitchHi), start: tickOfBar(bar, meta), duration: 480, velocity: 80 };
          req.onNote?.(c, note);
          notes.push(note);
        }
        candidates.push(notes);
      }
      return { candidates, bitsPerToken: candidates.map(() => 1.5), model: FAKE_MODEL, latencyMs: 3, tokens: 42 };
    },
    async close() {},
  };
  return fake;
}
