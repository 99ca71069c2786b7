"""PyTorch eager timing of the decode bench/inference.ts times in onnxruntime-node, on the same weights.

Rebuilds the model from models/training/model.py and a training checkpoint (runs/<preset>/ckpt.pt), prefills the
prompt, then feeds the given tokens one at a time through the KV cache, and prints one JSON object: prefill time,
per-token times, and the prompt's last logits row (so the caller can check both runtimes agree)."""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "training"))
from model import Gpt  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--tokens", required=True, help="JSON: {prompt: [ids], steps: [ids]}")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    ck = torch.load(args.ckpt, map_location="cpu")
    model = Gpt(**ck["model_config"])
    model.load_state_dict(ck["model"])
    model.eval()
    work = json.load(open(args.tokens))
    prompt = torch.tensor([work["prompt"]], dtype=torch.long)
    steps = work["steps"]

    prefill, per_token, last = [], [], None
    with torch.inference_mode():
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            logits, ks, vs = model(prompt)
            prefill.append((time.perf_counter() - t0) * 1000)
            last = logits[0, -1].tolist()
            for tok in steps:
                t0 = time.perf_counter()
                _, nk, nv = model(torch.tensor([[tok]], dtype=torch.long), ks, vs)
                ks = [torch.cat([a, b], dim=2) for a, b in zip(ks, nk)]
                vs = [torch.cat([a, b], dim=2) for a, b in zip(vs, nv)]
                per_token.append((time.perf_counter() - t0) * 1000)
    print(json.dumps(dict(
        torch=torch.__version__,
        threads=args.threads,
        params=model.param_count(),
        prefill_ms_p50=statistics.median(prefill),
        ms_per_token_p50=statistics.median(per_token),
        last_logits=last,
    )))


if __name__ == "__main__":
    main()
