"""Reads the token shards that models/prepare writes (see models/prepare/shards.ts): <split>.bin uint16 LE tokens,
<split>.idx uint32 LE offsets (one per sequence plus the end)."""
import json
import os

import numpy as np
import torch

PAD = 0
MID = 5


class Shard:
    def __init__(self, data_dir: str, split: str):
        self.tokens = np.fromfile(os.path.join(data_dir, f"{split}.bin"), dtype="<u2")
        self.offsets = np.fromfile(os.path.join(data_dir, f"{split}.idx"), dtype="<u4").astype(np.int64)
        self.lengths = self.offsets[1:] - self.offsets[:-1]

    def __len__(self) -> int:
        return len(self.lengths)

    def sequence(self, i: int) -> np.ndarray:
        return self.tokens[self.offsets[i]:self.offsets[i + 1]]


def read_meta(data_dir: str) -> dict:
    with open(os.path.join(data_dir, "meta.json")) as f:
        return json.load(f)


def collate(shard: Shard, indices, device):
    """Right-padded ids [B, T] and, per target position, 1 where the target is in the region part (after MID)."""
    seqs = [shard.sequence(i) for i in indices]
    t = max(len(s) for s in seqs)
    ids = np.full((len(seqs), t), PAD, dtype=np.int64)
    region = np.zeros((len(seqs), t), dtype=np.float32)
    for row, s in enumerate(seqs):
        ids[row, :len(s)] = s
        mid = int(np.argmax(s == MID))
        region[row, mid + 1:len(s)] = 1.0
    return torch.from_numpy(ids).to(device), torch.from_numpy(region).to(device)


def batches(shard: Shard, batch: int, epoch: int, seed: int):
    """One epoch of batches in a seeded order; sequences of similar length share a batch (less padding)."""
    rng = np.random.default_rng(seed * 1000 + epoch)
    order = rng.permutation(len(shard))
    chunk = batch * 32
    out = []
    for start in range(0, len(order), chunk):
        part = order[start:start + chunk]
        part = part[np.argsort(shard.lengths[part], kind="stable")]
        out.extend(part[i:i + batch] for i in range(0, len(part), batch))
    return [out[i] for i in rng.permutation(len(out))]
