import { readFileSync } from "node:fs";

/** Sequences of a `<split>.bin` / `<split>.idx` pair written by `npm run model:prepare` (see models/prepare/shards.ts). */
export function readShard(binPath: string): Uint16Array[] {
  // Copies keep the typed-array views aligned whatever offset the file buffers got.
  const bin = new Uint8Array(readFileSync(binPath));
  const idx = new Uint8Array(readFileSync(binPath.replace(/\.bin$/, ".idx")));
  const tokens = new Uint16Array(bin.buffer, bin.byteOffset, bin.byteLength / 2);
  const offsets = new Uint32Array(idx.buffer, idx.byteOffset, idx.byteLength / 4);
  const out: Uint16Array[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) out.push(tokens.subarray(offsets[i], offsets[i + 1]));
  return out;
}
