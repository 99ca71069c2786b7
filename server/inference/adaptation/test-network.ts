/** For tests: network patches on the shipped model, and a tiny hand-made .onnx for the cases the shipped one lacks. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MODEL_DIR } from "../default-model";
import { loadManifest } from "../manifest";
import type { InferenceNetwork } from "../types";
import { networkFingerprint, writeNetworkPatch, type NetworkPatchTensor } from "./network-patch";
import { onnxInitializers } from "./onnx-initializers";

export const SHIPPED_DIR = path.resolve(import.meta.dirname, "../../..", DEFAULT_MODEL_DIR);
/** The final LayerNorm's scale of the shipped graph: the last thing before the head, so any change shows in the logits. */
export const FINAL_LN = "model.ln.weight";

export async function shippedModel(): Promise<{ onnx: Uint8Array; sha256: string }> {
  const { manifest, modelPath } = await loadManifest(SHIPPED_DIR);
  return { onnx: new Uint8Array(await readFile(modelPath)), sha256: manifest.sha256 };
}

/** An initializer's values as the model holds them. */
export function initializerValues(onnx: Uint8Array, name: string): NetworkPatchTensor {
  const init = onnxInitializers(onnx).find((i) => i.name === name);
  if (!init?.raw) throw new Error(`no initializer ${name} with raw_data`);
  const { offset, length } = init.raw;
  return { name, dims: init.dims, values: new Float32Array(onnx.slice(offset, offset + length).buffer) };
}

export const asNetwork = (patch: Uint8Array): InferenceNetwork => ({ fingerprint: networkFingerprint(patch), patch });

/** A patch that multiplies one tensor of the model by `factor` (1: the model's own values). */
export function scaledPatch(onnx: Uint8Array, base: string, factor: number, name = FINAL_LN): InferenceNetwork {
  const t = initializerValues(onnx, name);
  return asNetwork(writeNetworkPatch(base, [{ ...t, values: t.values.map((v) => v * factor) }], { factor }));
}

/** A protobuf field: (number << 3 | wire type) and its payload. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};
const bytesField = (field: number, payload: Uint8Array | number[]) => [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
const varintField = (field: number, n: number) => [...varint(field << 3), ...varint(n)];

export interface TinyTensor {
  name: string;
  dims: number[];
  dataType: number;
  raw: Uint8Array;
  /** Dims written one field each instead of packed: both are valid protobuf. */
  unpacked?: boolean;
}

/** A ModelProto with only an ir_version and a graph of initializers: enough for the walk of onnx-initializers.ts. */
export function tinyOnnx(tensors: TinyTensor[]): Uint8Array {
  const graph = tensors.flatMap((t) => {
    const dims = t.unpacked ? t.dims.flatMap((d) => varintField(1, d)) : bytesField(1, t.dims.flatMap(varint));
    const tensor = [...dims, ...varintField(2, t.dataType), ...bytesField(8, [...new TextEncoder().encode(t.name)]), ...bytesField(9, t.raw)];
    return bytesField(5, tensor);
  });
  const name = bytesField(2, [...new TextEncoder().encode("tiny")]); // a field the walk skips
  return new Uint8Array([...varintField(1, 8), ...bytesField(7, [...name, ...graph])]);
}
