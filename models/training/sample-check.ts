/**
 * tsx models/training/sample-check.ts <model-dir> [max-tokens]
 * Loads an exported model as the server does (manifest, sha256 and session I/O checked: open-model.ts), fills one
 * bar of a small fixed piece with grammar-masked greedy decoding through the KV cache, and prints what it wrote. Exits non-zero on any failure (used by smoke.sh).
 */
import { advance, allowedNext, barLength, encodePrompt, initialGrammar, tokenName, type TokNote } from "../tokenizer";
import { openModel } from "../../server/inference/open-model";
import { kvRowValues, warningsToStderr } from "../../server/inference/ort-session";

const [modelDir, maxArg] = process.argv.slice(2);
if (!modelDir) throw new Error("usage: sample-check.ts <model-dir> [max-tokens]");
const maxTokens = Number(maxArg ?? 48);

const beatsPerBar = 4;
const barLen = barLength(beatsPerBar);
const notes: TokNote[] = [];
for (let bar = 0; bar < 4; bar++) {
  [60, 64, 67, 72].forEach((pitch, i) => notes.push({ track: 0, pitch, start: bar * barLen + i * 12, duration: 12 }));
  notes.push({ track: 2, pitch: 48, start: bar * barLen, duration: barLen });
}
const region = { startBar: 2, endBar: 3, pitchLo: 0, pitchHi: 127, tracks: [0] };
const prompt = encodePrompt({ notes, beatsPerBar, windowBars: 4, region });

const { manifest, runner } = await openModel(modelDir, { provider: "cpu", threads: 1, log: warningsToStderr });
const vocab = manifest.vocabSize;
const rowSize = kvRowValues(manifest);
const cache = new Float32Array((prompt.length + maxTokens) * rowSize);
const step = (ids: number[], past: number) => runner.step(BigInt64Array.from(ids, BigInt), 1, cache, past);
const grammar = initialGrammar(region, barLen);
let { logits, present } = await step(prompt, 0);
cache.set(present, 0);
let past = prompt.length;
let rowLogits = logits.subarray((prompt.length - 1) * vocab);
const written: number[] = [];
let wroteNotes = 0;
for (let i = 0; i < maxTokens; i++) {
  if (rowLogits.some((x) => !Number.isFinite(x))) throw new Error(`non-finite logits after ${past} tokens`);
  const allowed = allowedNext(grammar);
  if (allowed.length === 0) break; // EOS written
  const id = allowed.reduce((best, t) => (rowLogits[t] > rowLogits[best] ? t : best), allowed[0]);
  written.push(id);
  if (advance(grammar, id)) wroteNotes++;
  ({ logits, present } = await step([id], past));
  cache.set(present, past * rowSize);
  past++;
  rowLogits = logits;
}
await runner.close();
if (written.length === 0) throw new Error("the model wrote nothing");
console.log(`${manifest.name} (${manifest.preset ?? "?"}): prompt ${prompt.length} tokens, wrote ${written.length}, ${wroteNotes} notes`);
console.log(written.map(tokenName).join(" "));
