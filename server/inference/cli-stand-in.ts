/**
 * The generate command's tests run main() in process against a stand-in for the model service (one note per region
 * track and bar, at the region's lowest pitch plus the candidate's index), which records each request:
 *
 *   const requests = vi.hoisted((): InferenceRequest[] => []);
 *   vi.mock("./index", async () => (await import("./cli-stand-in")).standInInference(requests));
 *
 * Seed 13 leaves the first candidate empty, seed 14 every one.
 */
import type { InferenceRequest } from "./types";

export const standInInference = (requests: InferenceRequest[]) => ({
  createInference: async () => ({
    models: () => [],
    close: async () => {},
    generate: async (req: InferenceRequest) => {
      requests.push(req);
      const { startBar, endBar, pitchLo, trackIds } = req.region;
      const barTicks = (req.meta.beatsPerBar * 1920) / req.meta.beatUnit;
      const bars = Array.from({ length: endBar - startBar }, (_, i) => startBar + i);
      const candidate = (c: number) =>
        trackIds.flatMap((track) => bars.map((bar) => ({ track, pitch: pitchLo + c, start: bar * barTicks + 480, duration: 480, velocity: 64 })));
      const empty = (c: number) => req.seed === 14 || (req.seed === 13 && c === 0);
      return { candidates: Array.from({ length: req.candidates }, (_, c) => (empty(c) ? [] : candidate(c))), model: { name: "stand-in", version: "0" }, latencyMs: 1, tokens: 1 };
    },
  }),
});
