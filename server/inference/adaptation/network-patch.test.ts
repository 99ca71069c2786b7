/**
 * Network patches against the shipped model: the walk finds its initializers, a patch changes the logits and an
 * all-equal one leaves them bit for bit, and each way a patch can be wrong is refused with a NetworkPatchError.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NetworkPatchError } from "../errors";
import { loadManifest } from "../manifest";
import { openModelSession } from "../open-model";
import { applyNetworkPatch, networkFingerprint, readNetworkPatch, writeNetworkPatch } from "./network-patch";
import { ONNX_FLOAT, onnxInitializers } from "./onnx-initializers";
import { FINAL_LN, SHIPPED_DIR, initializerValues, scaledPatch, shippedModel, tinyOnnx } from "./test-network";

const silent = { info: () => {}, warn: () => {} };
let onnx: Uint8Array;
let base: string;
beforeAll(async () => {
  ({ onnx, sha256: base } = await shippedModel());
});

/** The logits of one forward pass over a few tokens, on the shipped graph with these bytes. */
async function logits(bytes: Uint8Array): Promise<Float32Array> {
  const { manifest, modelPath } = await loadManifest(SHIPPED_DIR);
  const runner = await openModelSession(manifest, modelPath, { provider: "cpu", threads: 1, log: silent }, bytes);
  try {
    return (await runner.step(new BigInt64Array([1n, 5n, 9n, 40n]), 1, new Float32Array(0), 0)).logits;
  } finally {
    await runner.close();
  }
}

/** The error a patch gets, for its problem and message. */
function refusal(f: () => unknown): NetworkPatchError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NetworkPatchError);
    return e as NetworkPatchError;
  }
  throw new Error("the patch was taken");
}

describe("the walk of the .onnx", () => {
  it("finds every initializer of the shipped graph, float32 in raw_data", () => {
    const inits = onnxInitializers(onnx);
    expect(inits).toHaveLength(53); // what onnx.load lists
    expect(inits.find((i) => i.name === FINAL_LN)).toMatchObject({ dims: [192], dataType: ONNX_FLOAT, raw: { length: 768 } });
    expect(inits.find((i) => i.name === "model.tok.weight")).toMatchObject({ dims: [721, 192] });
    expect(inits.every((i) => i.raw?.length === 4 * i.dims.reduce((a, b) => a * b, 1))).toBe(true);
  });

  it("reads dims packed or one field each", () => {
    const raw = new Uint8Array(24);
    const tiny = tinyOnnx([{ name: "a", dims: [2, 3], dataType: ONNX_FLOAT, raw }, { name: "b", dims: [3, 2], dataType: ONNX_FLOAT, raw, unpacked: true }]);
    expect(onnxInitializers(tiny).map((i) => [i.name, i.dims])).toEqual([["a", [2, 3]], ["b", [3, 2]]]);
  });
});

describe("applyNetworkPatch on the shipped model", () => {
  it("changes the logits with a scaled final LayerNorm, and leaves them bit for bit with the model's own values", async () => {
    const same = scaledPatch(onnx, base, 1);
    const sameBytes = applyNetworkPatch(onnx, same.patch, base);
    expect(Buffer.compare(sameBytes, onnx)).toBe(0); // (toEqual walks 9 MB element by element: a minute)
    const scaled = applyNetworkPatch(onnx, scaledPatch(onnx, base, 1.5).patch, base);
    expect(scaled.length).toBe(onnx.length);
    expect(initializerValues(scaled, FINAL_LN).values).toEqual(initializerValues(onnx, FINAL_LN).values.map((v) => v * 1.5));
    expect(onnxInitializers(scaled).map((i) => i.name)).toEqual(onnxInitializers(onnx).map((i) => i.name));

    const [shipped, equal, changed] = await Promise.all([logits(onnx), logits(sameBytes), logits(scaled)]);
    expect(equal).toEqual(shipped);
    let moved = 0;
    for (let i = 0; i < shipped.length; i++) moved = Math.max(moved, Math.abs(changed[i] - shipped[i]));
    expect(moved).toBeGreaterThan(0.1);
  });

  it("leaves the bytes it was given as they were", () => {
    const before = createHash("sha256").update(onnx).digest("hex");
    applyNetworkPatch(onnx, scaledPatch(onnx, base, 2).patch, base);
    expect(createHash("sha256").update(onnx).digest("hex")).toBe(before);
    expect(before).toBe(base);
  });

  it("fingerprints a patch by its sha256", () => {
    const a = scaledPatch(onnx, base, 2);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(networkFingerprint(a.patch)).toBe(createHash("sha256").update(a.patch).digest("hex"));
    expect(scaledPatch(onnx, base, 3).fingerprint).not.toBe(a.fingerprint);
  });
});

describe("a patch the model cannot take", () => {
  const ln = () => initializerValues(onnx, FINAL_LN);
  const good = () => writeNetworkPatch(base, [ln()]);
  const withHeader = (header: unknown) => {
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + 768);
    out.set(new TextEncoder().encode("TNDP"));
    new DataView(out.buffer).setUint32(4, json.length, true);
    out.set(json, 8);
    return out;
  };
  const tensor = { name: FINAL_LN, dims: [192], offset: 0, length: 768 };

  it("is refused when learned on another model version, with what to do", () => {
    const other = writeNetworkPatch("a".repeat(64), [ln()]);
    const e = refusal(() => applyNetworkPatch(onnx, other, base));
    expect(e.problem).toBe("other-base");
    expect(e.code).toBe("BAD_INPUT");
    expect(e.message).toMatch(/learned on another model version .*: learn the style again/);
  });

  it("is refused when its bytes are not a patch", () => {
    expect(refusal(() => readNetworkPatch(new TextEncoder().encode("ONNX and more"))).message).toMatch(/does not start with "TNDP"/);
    expect(refusal(() => readNetworkPatch(new Uint8Array([84, 78, 68, 80, 255, 0, 0, 0]))).message).toMatch(/header of 255 bytes runs past the end/);
    const notJson = withHeader({});
    notJson.set(new TextEncoder().encode("{{"), 8);
    expect(refusal(() => readNetworkPatch(notJson)).message).toMatch(/header is not JSON/);
    expect(refusal(() => readNetworkPatch(withHeader({ format: 2, base, tensors: [tensor] }))).message).toMatch(/format/);
    expect(refusal(() => readNetworkPatch(withHeader({ format: 1, base: "abc", tensors: [tensor] }))).message).toMatch(/base: must be the model's sha256/);
    expect(refusal(() => readNetworkPatch(withHeader({ format: 1, base, tensors: [] }))).message).toMatch(/names no tensor/);
    expect(refusal(() => readNetworkPatch(withHeader({ format: 1, base, tensors: [tensor, tensor] }))).message).toMatch(/listed twice/);
    expect(readNetworkPatch(withHeader({ format: 1, base, tensors: [tensor], stats: { nll: -0.15 } })).header.tensors).toHaveLength(1);
  });

  it("is refused when its data part does not hold its tensors exactly", () => {
    const bytes = good();
    expect(refusal(() => readNetworkPatch(bytes.subarray(0, bytes.length - 4))).message).toMatch(/ends at byte 768 of a data part of 764 bytes/);
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(refusal(() => readNetworkPatch(longer)).message).toMatch(/data part has 772 bytes, its tensors end at 768/);
    expect(refusal(() => readNetworkPatch(withHeader({ format: 1, base, tensors: [{ ...tensor, length: 764 }] }))).message).toMatch(/has 764 bytes, its dims \[192\] need 768/);
    const overlap = [{ ...tensor, dims: [100], length: 400 }, { ...tensor, name: "x", dims: [100], offset: 368, length: 400 }];
    expect(refusal(() => readNetworkPatch(withHeader({ format: 1, base, tensors: overlap }))).message).toMatch(/tensor x overlaps/);
    const nan = ln();
    nan.values[7] = NaN;
    expect(refusal(() => readNetworkPatch(writeNetworkPatch(base, [nan]))).message).toMatch(/not finite \(value 7\)/);
  });

  it("is refused when it names a tensor the model lacks or holds otherwise", () => {
    expect(refusal(() => applyNetworkPatch(onnx, writeNetworkPatch(base, [{ ...ln(), name: "model.nope" }]), base)).message).toMatch(/the model has no tensor model.nope/);
    const wrongDims = writeNetworkPatch(base, [{ ...ln(), dims: [2, 96] }]);
    expect(refusal(() => applyNetworkPatch(onnx, wrongDims, base)).message).toMatch(/has dims \[192\] in the model, the patch gives \[2, 96\]/);
    const tiny = tinyOnnx([{ name: "ids", dims: [2], dataType: 7, raw: new Uint8Array(16) }]); // int64
    const tinyBase = createHash("sha256").update(tiny).digest("hex");
    const ints = writeNetworkPatch(tinyBase, [{ name: "ids", dims: [2], values: new Float32Array(2) }]);
    expect(refusal(() => applyNetworkPatch(tiny, ints, tinyBase)).message).toMatch(/tensor ids is not float32 in the model \(ONNX data type 7\)/);
  });
});
