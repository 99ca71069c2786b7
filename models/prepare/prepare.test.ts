import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BOS, EOS, MAX_SEQ_LEN, MID } from "../tokenizer";
import { datasetsDir } from "./datasets-dir";
import { bandFiles } from "../eval/style-bands";
import { prepare, splitRows } from "./prepare";

const dataDir = datasetsDir();
const dirs: string[] = [];
const run = async (contrast?: number) => {
  const out = mkdtempSync(join(tmpdir(), "tandem-prepare-"));
  dirs.push(out);
  const meta = await prepare({ dataDir, out, limit: 2, copies: 2, seed: "test", contrast });
  return { out, meta };
};
const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("prepare", () => {
  it("writes the same bytes from the same inputs", async () => {
    const a = await run();
    const b = await run();
    for (const f of ["train.bin", "train.idx", "valid.bin", "valid.idx", "meta.json"])
      expect(digest(join(a.out, f)), f).toBe(digest(join(b.out, f)));
    expect(a.meta.splits.train.pieces).toEqual({ pop909: 2, groove: 2 });
  });

  it("gives contrast to training windows only, and writes the same bytes without it", async () => {
    const [plain, none, half] = [await run(), await run(0), await run(0.5)];
    for (const f of ["train.bin", "valid.bin", "valid.idx"]) expect(digest(join(none.out, f)), f).toBe(digest(join(plain.out, f)));
    expect(digest(join(half.out, "train.bin"))).not.toBe(digest(join(plain.out, "train.bin")));
    expect(digest(join(half.out, "valid.bin"))).toBe(digest(join(plain.out, "valid.bin")));
    expect(half.meta.options.contrast).toBe(0.5);
    expect(plain.meta.options.contrast).toBeUndefined();
  });

  it("writes whole BOS..MID..EOS sequences of at most 1024 tokens, indexed by offset", async () => {
    const { out, meta } = await run();
    for (const split of ["train", "valid"] as const) {
      const bin = readFileSync(join(out, `${split}.bin`));
      const idx = readFileSync(join(out, `${split}.idx`));
      const offsets = Array.from({ length: idx.length / 4 }, (_, i) => idx.readUInt32LE(i * 4));
      expect(offsets.length - 1).toBe(meta.splits[split].sequences);
      expect(offsets[offsets.length - 1] * 2).toBe(bin.length);
      for (let s = 0; s + 1 < offsets.length; s++) {
        const seq = Array.from({ length: offsets[s + 1] - offsets[s] }, (_, i) => bin.readUInt16LE((offsets[s] + i) * 2));
        expect(seq.length).toBeLessThanOrEqual(MAX_SEQ_LEN);
        expect(seq[0]).toBe(BOS);
        expect(seq[seq.length - 1]).toBe(EOS);
        expect(seq.filter((t) => t === MID)).toHaveLength(1);
      }
    }
  });

  it("leaves the named bands out of both splits, and nothing else", () => {
    const out = bandFiles(dataDir, ["drummer1", "pop909 001+"]);
    expect([...out].some((f) => f.startsWith("groove-midi/drummer1/"))).toBe(true);
    expect([...out].some((f) => f === "pop909/POP909/001/001.mid")).toBe(true);
    for (const dataset of ["pop909", "groove-midi"] as const)
      for (const split of ["train", "valid"] as const) {
        const all = splitRows(dataDir, dataset, split);
        const kept = splitRows(dataDir, dataset, split, undefined, out);
        expect(kept.some((e) => out.has(`${dataset}/${e.path}`))).toBe(false);
        expect(all.length - kept.length, `${dataset} ${split}`).toBeGreaterThan(0); // the names match splits.csv's
        expect(kept.length).toBeGreaterThan(0);
      }
    expect(splitRows(dataDir, "groove-midi", "train", undefined, out).some((e) => e.path.startsWith("drummer1/"))).toBe(false);
    expect(splitRows(dataDir, "pop909", "train", undefined, out)[0].group).not.toBe("001");
    expect(() => bandFiles(dataDir, ["drummer99"])).toThrow(/no band "drummer99": the bands are drummer1/);
  });
});
