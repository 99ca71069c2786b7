import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createShardWriter } from "../prepare/shards";
import { BOS, EOS, MID } from "../tokenizer";
import { readShard } from "./shard-reader";

describe("readShard", () => {
  it("reads back the sequences prepare's shard writer wrote", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eval-shard-"));
    const w = createShardWriter(join(dir, "train.bin"), join(dir, "train.idx"));
    const seqs = [[BOS, 3, MID, 6, EOS], [BOS, MID, 6, 6, 600, EOS]];
    for (const s of seqs) await w.add(s, s.indexOf(MID) + 1);
    await w.close();
    expect(readShard(join(dir, "train.bin")).map((s) => [...s])).toEqual(seqs);
  });
});
