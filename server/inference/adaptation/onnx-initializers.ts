/**
 * Where each initializer of an .onnx file keeps its values: a walk of just the protobuf fields that lead there
 * (ModelProto.graph -> GraphProto.initializer -> TensorProto dims, data_type, name, raw_data). Enough to overwrite
 * weights in place (network-patch.ts) without an ONNX library or a re-serialization of the graph.
 */

/** TensorProto.DataType FLOAT. */
export const ONNX_FLOAT = 1;

export interface OnnxInitializer {
  name: string;
  dims: number[];
  dataType: number;
  /** Where raw_data's bytes lie in the file; absent when the tensor keeps its values elsewhere (float_data, external). */
  raw?: { offset: number; length: number };
}

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

interface Field {
  field: number;
  wire: number;
  /** The varint's value (WIRE_VARINT), else unused. */
  value: number;
  /** The payload's span in the buffer (WIRE_BYTES). */
  start: number;
  end: number;
}

/** The top-level graph's initializers, in file order. Throws on bytes that are not a protobuf message. */
export function onnxInitializers(onnx: Uint8Array): OnnxInitializer[] {
  const out: OnnxInitializer[] = [];
  for (const model of fields(onnx, 0, onnx.length)) {
    if (model.field !== MODEL_GRAPH || model.wire !== WIRE_BYTES) continue;
    for (const g of fields(onnx, model.start, model.end))
      if (g.field === GRAPH_INITIALIZER && g.wire === WIRE_BYTES) out.push(tensor(onnx, g.start, g.end));
  }
  return out;
}

function tensor(buf: Uint8Array, start: number, end: number): OnnxInitializer {
  const t: OnnxInitializer = { name: "", dims: [], dataType: 0 };
  for (const f of fields(buf, start, end)) {
    if (f.field === TENSOR_DIMS && f.wire === WIRE_VARINT) t.dims.push(f.value);
    else if (f.field === TENSOR_DIMS && f.wire === WIRE_BYTES) {
      // packed repeated int64
      for (let p = f.start; p < f.end; ) {
        const [v, next] = varint(buf, p);
        t.dims.push(v);
        p = next;
      }
    } else if (f.field === TENSOR_DATA_TYPE && f.wire === WIRE_VARINT) t.dataType = f.value;
    else if (f.field === TENSOR_NAME && f.wire === WIRE_BYTES) t.name = new TextDecoder().decode(buf.subarray(f.start, f.end));
    else if (f.field === TENSOR_RAW_DATA && f.wire === WIRE_BYTES) t.raw = { offset: f.start, length: f.end - f.start };
  }
  return t;
}

/** The fields of the message at buf[start, end). */
function* fields(buf: Uint8Array, start: number, end: number): Generator<Field> {
  let p = start;
  while (p < end) {
    const [key, afterKey] = varint(buf, p);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    p = afterKey;
    if (wire === WIRE_VARINT) {
      const [value, next] = varint(buf, p);
      yield { field, wire, value, start: p, end: next };
      p = next;
    } else if (wire === WIRE_BYTES) {
      const [length, next] = varint(buf, p);
      if (next + length > end) throw new Error(`not an ONNX model: field ${field} at byte ${p} runs past its message`);
      yield { field, wire, value: 0, start: next, end: next + length };
      p = next + length;
    } else if (wire === WIRE_FIXED64 || wire === WIRE_FIXED32) {
      p += wire === WIRE_FIXED64 ? 8 : 4;
    } else {
      throw new Error(`not an ONNX model: wire type ${wire} at byte ${p}`);
    }
    if (p > end) throw new Error(`not an ONNX model: field ${field} runs past its message`);
  }
}

/** A varint as a number (exact up to 2^53: every length and dim of a model that fits in memory). */
function varint(buf: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let p = at; p < buf.length && p < at + 10; p++) {
    const b = buf[p];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return [value, p + 1];
  }
  throw new Error(`not an ONNX model: a varint at byte ${at} does not end`);
}
