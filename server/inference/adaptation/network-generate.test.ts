/**
 * Generations with a network patch on the shipped model (createInference): the patch changes what a seed writes,
 * the same patch runs on the session it opened before, and a patch learned on another model is refused.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { NetworkPatchError, createInference } from "../index";
import { testRequest } from "../test-piece";
import type { Inference } from "../types";
import { writeNetworkPatch } from "./network-patch";
import { SHIPPED_DIR, asNetwork, initializerValues, scaledPatch, shippedModel } from "./test-network";

const logs: string[] = [];
const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(`WARN ${m}`) };
const small = () => testRequest({ candidates: 2, region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords"] }, seed: 7, timeoutMs: 60_000 });
const opens = () => logs.filter((l) => /^inference: network [0-9a-f]{12} opened/.test(l)).length;

let inference: Inference;
let shipped: Awaited<ReturnType<typeof shippedModel>>;
beforeAll(async () => {
  shipped = await shippedModel();
  inference = await createInference({ modelDir: SHIPPED_DIR, provider: "cpu", threads: 1, log });
});
afterAll(() => inference?.close());

it("writes otherwise with a patch than without it at the same seed, and reuses the patch's session", async () => {
  const network = scaledPatch(shipped.onnx, shipped.sha256, 2);
  const plain = await inference.generate(small());
  const patched = await inference.generate({ ...small(), network });
  expect(patched.candidates.flat().length).toBeGreaterThan(0);
  expect(patched.candidates).not.toEqual(plain.candidates);
  expect(opens()).toBe(1);
  // a copy of the bytes, as the next request would bring them: the fingerprint finds the session
  expect((await inference.generate({ ...small(), network: { ...network, patch: network.patch.slice() } })).candidates).toEqual(patched.candidates);
  expect(opens()).toBe(1);
  expect((await inference.generate(small())).candidates).toEqual(plain.candidates); // the shipped session is untouched
  // the model's own weights as a patch: what the shipped session writes
  expect((await inference.generate({ ...small(), network: scaledPatch(shipped.onnx, shipped.sha256, 1) })).candidates).toEqual(plain.candidates);
});

it("refuses a patch learned on another version of the model, saying to learn the style again", async () => {
  const other = asNetwork(writeNetworkPatch("c".repeat(64), [initializerValues(shipped.onnx, "model.ln.weight")]));
  const refused = inference.generate({ ...small(), network: other });
  await expect(refused).rejects.toBeInstanceOf(NetworkPatchError);
  await expect(refused).rejects.toThrow("the network patch was learned on another model version (cccccccccccc, this model is ");
  await expect(refused).rejects.toThrow(/: learn the style again$/);
});
