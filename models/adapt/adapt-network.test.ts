/**
 * The product's fine-tune end to end: shards of a few short pieces (the MIDI fixtures, through the TypeScript
 * tokenizer as finetune-shards.ts writes them), models/adapt/adapt_network.py on the shipped model for 3 s, and the
 * patch it writes read back against the shipped graph's initializers.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticksPerBar } from "../../lib/time";
import { loadPiece, type EvalPiece } from "../eval/pieces";
import type { Band } from "../eval/style-bands";
import { writeBandShards, writeRehearsalShards } from "./finetune-shards";

const ROOT = resolve(import.meta.dirname, "../..");
const MODEL = join(ROOT, "models/tandem-fim-v2");
const FIXTURES = join(ROOT, "lib/midi/fixtures");
const run = promisify(execFile);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Bars [from, to) of a piece as a piece of its own. */
function bars(p: EvalPiece, from: number, to: number, id: string): EvalPiece {
  const tpb = ticksPerBar(p.meta);
  const notes = p.notes
    .filter((n) => n.start >= from * tpb && n.start < to * tpb)
    .map((n) => ({ ...n, start: n.start - from * tpb, duration: Math.min(n.duration, to * tpb - n.start) }));
  return { ...p, id, notes, bars: to - from };
}

/** A one-bar drum fill played `times` times over. */
function looped(p: EvalPiece, times: number, id: string): EvalPiece {
  const tpb = ticksPerBar(p.meta);
  const notes = Array.from({ length: times }, (_, i) => p.notes.map((n) => ({ ...n, id: `${n.id}-${i}`, start: n.start + i * tpb }))).flat();
  return { ...p, id, notes, bars: times };
}

interface PatchHeader {
  format: number;
  base: string;
  tensors: { name: string; dims: number[]; offset: number; length: number }[];
  stats: Record<string, number>;
}

let tmp: string;
let lines: Record<string, unknown>[];
let patch: Buffer;
let header: PatchHeader;
let data: Buffer;
let shipped: Record<string, { dims: number[]; sha256: string }>;
const manifest = JSON.parse(readFileSync(join(MODEL, "manifest.json"), "utf8")) as { sha256: string; vocabSize: number; maxSeqLen: number; layers: number };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "tandem-adapt-network-"));
  const pop = loadPiece(join(FIXTURES, "pop909-001.mid"), "fixture")!;
  const fill = loadPiece(join(FIXTURES, "groove-drummer1-session1-103_funk_95_fill_4-4.mid"), "fixture")!;
  const shape = { seed: "1", maxSeqLen: manifest.maxSeqLen, vocabSize: manifest.vocabSize };
  const band: Band = { name: "fixture band", source: "pop909", adapt: [], test: [] };
  await writeBandShards(band, [bars(pop, 8, 18, "pop-a"), bars(pop, 18, 28, "pop-b")], { ...shape, dir: join(tmp, "band"), copies: 1, hold: 2 });
  // the guard is the rehearsal's (the band's shards have none): the drums train, the pop bars guard
  await writeRehearsalShards([looped(fill, 8, "drums"), bars(pop, 28, 38, "pop-c")], { ...shape, dir: join(tmp, "rehearsal") });
  const out = join(tmp, "band.tndp");
  const { stdout } = await run(
    "/usr/bin/python3",
    [
      ...["models/adapt/adapt_network.py", "--onnx", join(MODEL, "model.onnx"), "--manifest", join(MODEL, "manifest.json")],
      ...["--data", join(tmp, "band"), "--rehearsal", join(tmp, "rehearsal"), "--out", out],
      ...["--steps", "12", "--lr", "1e-3", "--guard-tolerance", "1", "--eval-every", "2", "--threads", "1"],
    ],
    { cwd: ROOT, timeout: 60_000 },
  );
  lines = stdout.trim().split("\n").map((l) => JSON.parse(l));
  patch = readFileSync(out);
  const h = patch.readUInt32LE(4);
  header = JSON.parse(patch.subarray(8, 8 + h).toString("utf8"));
  data = patch.subarray(8 + h);
  const list = [
    "import hashlib, json, onnx, sys",
    "g = onnx.load(sys.argv[1]).graph",
    "print(json.dumps({i.name: dict(dims=list(i.dims), sha256=hashlib.sha256(i.raw_data).hexdigest()) for i in g.initializer}))",
  ].join("\n");
  shipped = JSON.parse((await run("/usr/bin/python3", ["-c", list, join(MODEL, "model.onnx")])).stdout);
}, 90_000);
afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

describe("adapt_network.py", () => {
  it("reports its progress, then its figures", () => {
    const progress = lines.slice(0, -1) as { progress: number; phase: string }[];
    expect(new Set(progress.map((l) => l.phase))).toEqual(new Set(["reading", "training", "writing"]));
    for (const l of progress) expect(l.progress).toBeGreaterThanOrEqual(0), expect(l.progress).toBeLessThanOrEqual(1);
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ done: true, patchBytes: patch.length, tensors: header.tensors.length });
    expect(done.bestStep).toBeGreaterThan(0); // lr 1e-3 on the pieces it is checked on, the guard ignored: a step is kept
    expect(done.rehearsalSequences).toBeGreaterThan(0);
    expect(done.guardSequences).toBeGreaterThan(0);
  });

  it("writes a TNDP patch over the shipped model", () => {
    expect(patch.subarray(0, 4).toString("ascii")).toBe("TNDP");
    expect(header.format).toBe(1);
    expect(header.base).toBe(manifest.sha256);
    expect(header.base).toBe(sha256(readFileSync(join(MODEL, "model.onnx"))));
    expect(header.stats).toMatchObject({ bestStep: lines.at(-1)!.bestStep, steps: lines.at(-1)!.steps });
  });

  it("holds the last block and the final LayerNorm, by the shipped graph's names and shapes, back to back", () => {
    // per block: ln1, ln2 (weight, bias), the biases of qkv, proj, fc1, fc2 and their four matrices; then ln
    expect(header.tensors.length).toBe(8 + 4 + 2);
    const last = `model.blocks.${manifest.layers - 1}.`;
    expect(header.tensors.filter((t) => t.name.startsWith(last)).length).toBe(8);
    expect(header.tensors.filter((t) => t.name.startsWith("onnx::MatMul")).length).toBe(4);
    expect(header.tensors.map((t) => t.name)).toEqual(expect.arrayContaining(["model.ln.weight", "model.ln.bias"]));
    let end = 0;
    for (const t of header.tensors) {
      expect(shipped[t.name]?.dims, t.name).toEqual(t.dims);
      expect(t.offset).toBe(end);
      expect(t.length).toBe(4 * t.dims.reduce((a, b) => a * b, 1));
      end += t.length;
    }
    expect(end).toBe(data.length);
  });

  it("changes the shipped weights", () => {
    const changed = header.tensors.filter((t) => sha256(data.subarray(t.offset, t.offset + t.length)) !== shipped[t.name].sha256);
    expect(changed.length).toBeGreaterThan(0);
  });

  it("keeps no step that costs the guard's pieces more than --guard-tolerance", async () => {
    // Another style guards (the drum loop; the pop bars rehearse), a strong fine-tune on the pop bars, no tolerance.
    const fill = loadPiece(join(FIXTURES, "groove-drummer1-session1-103_funk_95_fill_4-4.mid"), "fixture")!;
    const pop = loadPiece(join(FIXTURES, "pop909-001.mid"), "fixture")!;
    const dir = join(tmp, "drum-guard");
    await writeRehearsalShards([bars(pop, 28, 38, "pop-c"), looped(fill, 8, "drums")], { seed: "1", maxSeqLen: manifest.maxSeqLen, vocabSize: manifest.vocabSize, dir });
    const { stdout } = await run(
      "/usr/bin/python3",
      [
        ...["models/adapt/adapt_network.py", "--onnx", join(MODEL, "model.onnx"), "--manifest", join(MODEL, "manifest.json")],
        ...["--data", join(tmp, "band"), "--rehearsal", dir, "--out", join(tmp, "guarded.tndp")],
        ...["--steps", "12", "--lr", "3e-3", "--guard-tolerance", "0", "--eval-every", "2", "--threads", "1"],
      ],
      { cwd: ROOT, timeout: 60_000 },
    );
    const done = JSON.parse(stdout.trim().split("\n").at(-1)!) as { guardBefore: number; guardKept: number; steps: number };
    expect(done.steps).toBeGreaterThan(0);
    expect(done.guardKept).toBeLessThanOrEqual(done.guardBefore);
  }, 60_000);

  it("keeps the shipped weights when no step beats them on the held-aside pieces by --min-gain", async () => {
    const out = join(tmp, "no-gain.tndp");
    const { stdout } = await run(
      "/usr/bin/python3",
      [
        ...["models/adapt/adapt_network.py", "--onnx", join(MODEL, "model.onnx"), "--manifest", join(MODEL, "manifest.json")],
        ...["--data", join(tmp, "band"), "--rehearsal", join(tmp, "rehearsal"), "--out", out],
        ...["--steps", "12", "--lr", "1e-3", "--guard-tolerance", "1", "--min-gain", "0.9", "--eval-every", "2", "--threads", "1"],
      ],
      { cwd: ROOT, timeout: 60_000 },
    );
    const done = JSON.parse(stdout.trim().split("\n").at(-1)!) as { bestStep: number; steps: number; validBefore: number; validBest: number };
    expect(done).toMatchObject({ steps: 12, bestStep: 0 }); // the same run without it kept a step (above)
    expect(done.validBest).toBe(done.validBefore);
    const kept = readFileSync(out);
    const h = kept.readUInt32LE(4);
    const tensors = (JSON.parse(kept.subarray(8, 8 + h).toString("utf8")) as typeof header).tensors;
    const body = kept.subarray(8 + h);
    for (const t of tensors) expect(sha256(body.subarray(t.offset, t.offset + t.length)), t.name).toBe(shipped[t.name].sha256);
  }, 60_000);

  it("refuses a model.onnx that is not the one its manifest describes", async () => {
    const other = join(tmp, "manifest.json");
    writeFileSync(other, JSON.stringify({ ...manifest, sha256: "0".repeat(64) }));
    const args = ["models/adapt/adapt_network.py", "--onnx", join(MODEL, "model.onnx"), "--manifest", other, "--data", join(tmp, "band"), "--out", join(tmp, "x.tndp")];
    await expect(run("/usr/bin/python3", args, { cwd: ROOT, timeout: 30_000 })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("is not the model") });
  });
});
