/**
 * A network patch: new values for some of the shipped model's weights (method B of issue 17, a fine-tune of its last
 * block, written by models/adapt/adapt_network.py). A generation with one runs on the shipped graph with these
 * weights: the .onnx's bytes with each named initializer's raw_data overwritten in place (same lengths, same
 * structure), so no ONNX library and no re-export are needed.
 *
 * Format: "TNDP", a uint32 LE header length H, H bytes of JSON (headerSchema), then the data part: each tensor's
 * float32 LE values as an initializer's raw_data holds them, at the header's offset and length.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { NetworkPatchError } from "../errors";
import { ONNX_FLOAT, onnxInitializers } from "./onnx-initializers";

export const NETWORK_PATCH_MAGIC = "TNDP";
export const NETWORK_PATCH_FORMAT = 1;
const PRELUDE = 8; // magic + header length
const FLOAT_BYTES = 4;

const headerSchema = z.object({
  format: z.literal(NETWORK_PATCH_FORMAT),
  /** The sha256 of the .onnx it was learned on (the manifest's sha256). */
  base: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be the model's sha256 (64 hex digits)"),
  tensors: z
    .array(
      z.object({
        name: z.string().min(1),
        dims: z.array(z.number().int().min(0)),
        offset: z.number().int().min(0),
        length: z.number().int().min(0),
      }),
    )
    .min(1, "names no tensor"),
  /** What the fine-tune measured (for the model card of the style); the server does not read it. */
  stats: z.record(z.string(), z.unknown()).optional(),
});
export type NetworkPatchHeader = z.infer<typeof headerSchema>;

export interface NetworkPatch {
  header: NetworkPatchHeader;
  /** The data part (a view of the patch's bytes). */
  data: Uint8Array;
}

const malformed = (what: string) => new NetworkPatchError("malformed", `the network patch is malformed: ${what}`);

/** The content address of a patch: what caches and the queue's store key on. */
export function networkFingerprint(patch: Uint8Array): string {
  return createHash("sha256").update(patch).digest("hex");
}

/** Parses and checks a patch on its own (not against a model): header, tensor sizes, data part, finite values. */
export function readNetworkPatch(bytes: Uint8Array): NetworkPatch {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < PRELUDE || new TextDecoder().decode(bytes.subarray(0, 4)) !== NETWORK_PATCH_MAGIC)
    throw malformed(`it does not start with "${NETWORK_PATCH_MAGIC}"`);
  const headerLength = view.getUint32(4, true);
  if (PRELUDE + headerLength > bytes.length) throw malformed(`its header of ${headerLength} bytes runs past the end (${bytes.length} bytes)`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(PRELUDE, PRELUDE + headerLength)));
  } catch (e) {
    throw malformed(`its header is not JSON (${(e as Error).message})`);
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw malformed(`header ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  const header = parsed.data;
  const data = bytes.subarray(PRELUDE + headerLength);

  const names = new Set<string>();
  for (const t of header.tensors) {
    if (names.has(t.name)) throw malformed(`tensor ${t.name} is listed twice`);
    names.add(t.name);
    const values = t.dims.reduce((n, d) => n * d, 1);
    if (t.length !== values * FLOAT_BYTES)
      throw malformed(`tensor ${t.name} has ${t.length} bytes, its dims [${t.dims.join(", ")}] need ${values * FLOAT_BYTES} (float32)`);
  }
  let end = 0;
  for (const t of [...header.tensors].sort((a, b) => a.offset - b.offset)) {
    if (t.offset < end) throw malformed(`tensor ${t.name} overlaps the tensor before it in the data part`);
    end = t.offset + t.length;
    if (end > data.length) throw malformed(`tensor ${t.name} ends at byte ${end} of a data part of ${data.length} bytes`);
  }
  if (end !== data.length) throw malformed(`the data part has ${data.length} bytes, its tensors end at ${end}`);
  for (const t of header.tensors)
    for (let at = t.offset; at < t.offset + t.length; at += FLOAT_BYTES)
      if (!Number.isFinite(view.getFloat32(PRELUDE + headerLength + at, true)))
        throw malformed(`tensor ${t.name} holds a value that is not finite (value ${(at - t.offset) / FLOAT_BYTES})`);
  return { header, data };
}

/**
 * A copy of the model's bytes with the patch's weights in place of the shipped ones. `expectedBase` is the model's
 * sha256 (manifest.sha256): a patch learned on another version of the model is refused, as are tensors the model
 * does not have or holds in another shape or type.
 */
export function applyNetworkPatch(onnx: Uint8Array, patch: Uint8Array | NetworkPatch, expectedBase: string): Uint8Array {
  const { header, data } = patch instanceof Uint8Array ? readNetworkPatch(patch) : patch;
  if (header.base.toLowerCase() !== expectedBase.toLowerCase())
    throw new NetworkPatchError(
      "other-base",
      `the network patch was learned on another model version (${header.base.slice(0, 12)}, this model is ${expectedBase.slice(0, 12)}): learn the style again`,
    );
  const initializers = new Map(onnxInitializers(onnx).map((i) => [i.name, i]));
  const out = onnx.slice();
  for (const t of header.tensors) {
    const init = initializers.get(t.name);
    if (!init) throw malformed(`the model has no tensor ${t.name}`);
    if (init.dataType !== ONNX_FLOAT) throw malformed(`tensor ${t.name} is not float32 in the model (ONNX data type ${init.dataType})`);
    if (init.dims.join() !== t.dims.join())
      throw malformed(`tensor ${t.name} has dims [${init.dims.join(", ")}] in the model, the patch gives [${t.dims.join(", ")}]`);
    // Our exports keep every weight as raw_data; a tensor in float_data or an external file would need the graph rewritten.
    if (!init.raw || init.raw.length !== t.length) throw malformed(`tensor ${t.name} does not keep its values as raw_data in the model`);
    out.set(data.subarray(t.offset, t.offset + t.length), init.raw.offset);
  }
  return out;
}

export interface NetworkPatchTensor {
  name: string;
  dims: number[];
  values: Float32Array;
}

/** Writes a patch in the format above (tests here; models/adapt/adapt_network.py writes the real ones). */
export function writeNetworkPatch(base: string, tensors: NetworkPatchTensor[], stats: Record<string, unknown> = {}): Uint8Array {
  let offset = 0;
  const entries = tensors.map((t) => {
    const e = { name: t.name, dims: t.dims, offset, length: t.values.length * FLOAT_BYTES };
    offset += e.length;
    return e;
  });
  const header = new TextEncoder().encode(JSON.stringify({ format: NETWORK_PATCH_FORMAT, base, tensors: entries, stats }));
  const out = new Uint8Array(PRELUDE + header.length + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(NETWORK_PATCH_MAGIC), 0);
  view.setUint32(4, header.length, true);
  out.set(header, PRELUDE);
  tensors.forEach((t, i) => t.values.forEach((v, j) => view.setFloat32(PRELUDE + header.length + entries[i].offset + j * FLOAT_BYTES, v, true)));
  return out;
}
