import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { MID } from "../tokenizer";

/**
 * A shard is two files: `<split>.bin`, every sequence's token ids as little-endian uint16, back to back, and
 * `<split>.idx`, little-endian uint32 token offsets, one per sequence plus the end (sequence i is
 * bin[idx[i] .. idx[i+1])). Each sequence is BOS .. EOS; its region part starts after its only MID token.
 */
export interface ShardStats {
  sequences: number;
  tokens: number;
  regionTokens: number;
  maxLength: number;
}

export interface ShardWriter {
  add(tokens: number[], promptLength: number): Promise<void>;
  close(): Promise<ShardStats>;
}

async function write(stream: WriteStream, bytes: Buffer): Promise<void> {
  if (!stream.write(bytes)) await once(stream, "drain");
}

export function createShardWriter(binPath: string, idxPath: string): ShardWriter {
  const bin = createWriteStream(binPath);
  const idx = createWriteStream(idxPath);
  const stats: ShardStats = { sequences: 0, tokens: 0, regionTokens: 0, maxLength: 0 };
  const offset = Buffer.alloc(4);
  return {
    async add(tokens, promptLength) {
      if (tokens[promptLength - 1] !== MID) throw new Error("a sequence's prompt must end with MID");
      offset.writeUInt32LE(stats.tokens);
      await write(idx, Buffer.from(offset));
      const bytes = Buffer.alloc(tokens.length * 2);
      tokens.forEach((t, i) => bytes.writeUInt16LE(t, i * 2));
      await write(bin, bytes);
      stats.sequences += 1;
      stats.tokens += tokens.length;
      stats.regionTokens += tokens.length - promptLength;
      stats.maxLength = Math.max(stats.maxLength, tokens.length);
    },
    async close() {
      offset.writeUInt32LE(stats.tokens);
      await write(idx, Buffer.from(offset));
      await Promise.all([new Promise((r) => bin.end(r)), new Promise((r) => idx.end(r))]);
      return stats;
    },
  };
}
