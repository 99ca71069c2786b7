"""Exports a training checkpoint to ONNX with a KV cache, writes manifest.json beside it and, optionally, the
parity fixture that models/training/parity.test.ts checks onnxruntime-node against.

  /usr/bin/python3 models/training/export.py --ckpt models/training/runs/default/ckpt.pt --out models/tandem-fim-v1 \\
      [--parity models/fixtures/parity.json] [--version 1.0.0]

Contract (the inference server codes against it):
  inputs   input_ids  int64   [batch, new]
           past_kv    float32 [past, 2, layers, batch, heads, head_dim]   (past may be 0; k at [:, 0], v at [:, 1])
  outputs  logits     float32 [batch, new, vocab]
           present_kv float32 [new, 2, layers, batch, heads, head_dim]    (only the new rows: append them to the cache)
Positions are past + arange(new), taken from past_kv's first dimension inside the graph.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Gpt  # noqa: E402

OPSET = 17
MAX_TRAIN_WINDOW_BARS = 16  # the longest training window: MAX_TRAIN_WINDOW_BARS in models/prepare/windows.ts
# a fixed prompt in tandem-fim-1 ids: BOS CTX BAR TRACK_0 (POS DUR PITCH) x 4, BAR, TRACK_2 (POS DUR PITCH) x 1, BAR
PARITY_TOKENS = [1, 3, 6, 7, 11, 118, 263, 23, 118, 267, 35, 118, 270, 47, 118, 275, 6, 9, 11, 154, 251, 6]


class KvCacheModel(nn.Module):
    """Adapts Gpt to the export contract: one cache tensor in, only the new rows out, past dimension first."""

    def __init__(self, model: Gpt):
        super().__init__()
        self.model = model
        self.layers = model.config["layers"]

    def forward(self, input_ids, past_kv):
        past_k = [past_kv[:, 0, i].permute(1, 2, 0, 3) for i in range(self.layers)]  # [batch, heads, past, head_dim]
        past_v = [past_kv[:, 1, i].permute(1, 2, 0, 3) for i in range(self.layers)]
        logits, new_k, new_v = self.model(input_ids, past_k, past_v)
        k = torch.stack([x.permute(2, 0, 1, 3) for x in new_k], dim=1)  # [new, layers, batch, heads, head_dim]
        v = torch.stack([x.permute(2, 0, 1, 3) for x in new_v], dim=1)
        return logits, torch.stack([k, v], dim=1)


def load(ckpt_path: str):
    ck = torch.load(ckpt_path, map_location="cpu", weights_only=False)
    c = ck["model_config"]
    model = Gpt(c["vocab_size"], c["max_seq_len"], c["layers"], c["d_model"], c["heads"])
    model.load_state_dict(ck["model"])
    return model.eval(), ck


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def empty_cache(c: dict, batch: int = 1) -> torch.Tensor:
    return torch.zeros(0, 2, c["layers"], batch, c["heads"], c["d_model"] // c["heads"])


@torch.no_grad()
def check_cache(model: Gpt, wrapper: KvCacheModel) -> float:
    """Full-sequence logits against a prefix + one-token-at-a-time decode through the cache; the largest difference."""
    ids = torch.tensor([PARITY_TOKENS])
    full, _, _ = model(ids)
    logits, cache = wrapper(ids[:, :10], empty_cache(model.config))
    rows = [logits]
    for i in range(10, ids.shape[1]):
        step, new = wrapper(ids[:, i:i + 1], cache)
        cache = torch.cat([cache, new], dim=0)
        rows.append(step)
    return (torch.cat(rows, dim=1) - full).abs().max().item()


def hardware() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {torch.get_num_threads()} threads, torch {torch.__version__}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", required=True, help="folder for model.onnx and manifest.json")
    ap.add_argument("--parity", default=None, help="write the parity fixture here (JSON)")
    ap.add_argument("--version", default="1.0.0")
    args = ap.parse_args()

    torch.set_num_threads(2)
    model, ck = load(args.ckpt)
    c = model.config
    wrapper = KvCacheModel(model).eval()
    drift = check_cache(model, wrapper)
    if drift > 1e-4:
        raise SystemExit(f"KV-cache decode differs from the full forward pass by {drift:g}")

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    head_dim = c["d_model"] // c["heads"]
    # trace with a non-empty past so no shape gets specialised to 0
    dummy = (torch.tensor([[1, 3, 6, 7, 11]], dtype=torch.int64), torch.zeros(3, 2, c["layers"], 1, c["heads"], head_dim))
    torch.onnx.export(
        wrapper, dummy, onnx_path, opset_version=OPSET, do_constant_folding=True,
        input_names=["input_ids", "past_kv"], output_names=["logits", "present_kv"],
        dynamic_axes={"input_ids": {0: "batch", 1: "new"}, "past_kv": {0: "past", 3: "batch"},
                      "logits": {0: "batch", 1: "new"}, "present_kv": {0: "new", 3: "batch"}},
    )
    import onnx  # imported late: only the export needs it

    onnx.checker.check_model(onnx.load(onnx_path))
    digest = sha256(onnx_path)

    state = ck["state"]
    kv_shape = ["past", 2, c["layers"], "batch", c["heads"], head_dim]
    manifest = dict(
        name="tandem-fim", version=args.version, tokenizer=ck.get("tokenizer", "tandem-fim-1"),
        vocabSize=c["vocab_size"], maxSeqLen=c["max_seq_len"], maxWindowBars=MAX_TRAIN_WINDOW_BARS, layers=c["layers"], heads=c["heads"], headDim=head_dim,
        dModel=c["d_model"], params=model.param_count(), preset=ck["preset"], opset=OPSET,
        inputs=[dict(name="input_ids", dtype="int64", shape=["batch", "new"]),
                dict(name="past_kv", dtype="float32", shape=kv_shape)],
        outputs=[dict(name="logits", dtype="float32", shape=["batch", "new", c["vocab_size"]]),
                 dict(name="present_kv", dtype="float32", shape=["new"] + kv_shape[1:])],
        sha256=digest,
        trainedAt=datetime.datetime.utcfromtimestamp(os.path.getmtime(args.ckpt)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        trainSeconds=round(state["train_seconds"], 1), trainSteps=state["step"], trainTokens=state["tokens"],
        trainBudgetMinutes=ck["cfg"]["max_minutes"],
        hardware=ck.get("hardware") or hardware(),
        finalTrainLoss=(state.get("last_train") or {}).get("loss"),
        finalValidLoss=(state.get("last_valid") or {}).get("loss"),
        finalValidRegionLoss=(state.get("last_valid") or {}).get("mid_loss"),
    )
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")

    if args.parity:
        with torch.no_grad():
            logits, _, _ = model(torch.tensor([PARITY_TOKENS]))
        rows = [0, 1, 2, len(PARITY_TOKENS) - 1]
        fixture = dict(
            model=os.path.relpath(onnx_path, os.path.dirname(os.path.abspath(args.parity))), sha256=digest,
            tokens=PARITY_TOKENS, rows=rows, logits=[[round(x, 6) for x in logits[0, r].tolist()] for r in rows],
            argmax=logits[0].argmax(-1).tolist(), tolerance=1e-4,
        )
        os.makedirs(os.path.dirname(os.path.abspath(args.parity)), exist_ok=True)
        with open(args.parity, "w") as f:
            json.dump(fixture, f)
            f.write("\n")
    size = os.path.getsize(onnx_path) / 1e6
    print(f"exported {onnx_path} ({size:.1f} MB, sha256 {digest[:12]}), cache drift {drift:.2e}")


if __name__ == "__main__":
    main()
