"""Trains the tandem-fim decoder on the shards in models/data.

  /usr/bin/python3 models/training/train.py --preset default [--max-minutes 55] [--data models/data] [--fresh]
      [--init-from models/training/checkpoints/tandem-fim-1.3.0.pt]

Resumes from runs/<preset>/ckpt.pt when it exists. --max-minutes is the total training time across resumes; the
learning rate follows a cosine over that time, so a run stopped and resumed ends where an uninterrupted one would.
Logs one JSON line per report to runs/<preset>/log.jsonl.
--init-from warm-starts a new run (no checkpoint in the run dir yet) from another run's weights, growing the
embedding when the new tokenizer appends tokens (tandem-fim-1 -> tandem-fim-2 adds the control tokens).
"""
import argparse
import contextlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import PAD, Shard, batches, collate, read_meta  # noqa: E402
from model import Gpt  # noqa: E402
from presets import PRESETS  # noqa: E402
from warm_start import warm_start  # noqa: E402

# glibc hands big tensors back to the kernel after every step and page-faults them in again (half the CPU time went
# to the kernel here); keeping them in the heap needs these set before the process starts, so re-exec once with them.
MALLOC_ENV = dict(MALLOC_MMAP_THRESHOLD_="4294967296", MALLOC_TRIM_THRESHOLD_="68719476736", MALLOC_TOP_PAD_="1073741824")
if __name__ == "__main__" and any(os.environ.get(k) != v for k, v in MALLOC_ENV.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **MALLOC_ENV})

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEED = 1234


def losses(model, ids, region, mid_weight):
    """Weighted training loss, and the summed context / region losses and token counts for reporting."""
    with torch.autocast("cuda", dtype=torch.bfloat16) if ids.is_cuda else contextlib.nullcontext():
        logits, _, _ = model(ids[:, :-1])
    logits = logits.float()
    targets = ids[:, 1:]
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none").view_as(targets)
    real = (targets != PAD).float()
    reg = region[:, 1:] * real
    ctx = real - reg
    weights = ctx + mid_weight * reg
    loss = (nll * weights).sum() / weights.sum()
    return loss, dict(ctx_sum=(nll * ctx).sum().item(), ctx_n=ctx.sum().item(), mid_sum=(nll * reg).sum().item(), mid_n=reg.sum().item())


@torch.no_grad()
def evaluate(model, shard, count, batch, device):
    model.eval()
    picks = np.linspace(0, len(shard) - 1, num=min(count, len(shard))).astype(np.int64)
    tot = dict(ctx_sum=0.0, ctx_n=0.0, mid_sum=0.0, mid_n=0.0)
    for i in range(0, len(picks), batch):
        ids, region = collate(shard, picks[i:i + batch], device)
        _, parts = losses(model, ids, region, 1.0)
        for k in tot:
            tot[k] += parts[k]
    model.train()
    return summarize(tot)


def summarize(tot):
    n = tot["ctx_n"] + tot["mid_n"]
    return dict(loss=(tot["ctx_sum"] + tot["mid_sum"]) / max(n, 1), ctx_loss=tot["ctx_sum"] / max(tot["ctx_n"], 1),
                mid_loss=tot["mid_sum"] / max(tot["mid_n"], 1))


def lr_at(cfg, step, progress):
    if step < cfg["warmup"]:
        return cfg["lr"] * (step + 1) / cfg["warmup"]
    return cfg["lr"] * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="default", choices=sorted(PRESETS))
    ap.add_argument("--data", default=os.path.join(ROOT, "models", "data"))
    ap.add_argument("--run-dir", default=None, help="default: models/training/runs/<preset>")
    ap.add_argument("--max-minutes", type=float, default=None)
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
    ap.add_argument("--init-from", default=None, help="a checkpoint whose weights start a new run (ignored on resume)")
    ap.add_argument("--lr", type=float, default=None,
                    help="peak learning rate; lower it when resuming a finished run (a stretched cosine restarts high)")
    args = ap.parse_args()

    cfg = dict(PRESETS[args.preset])
    if args.max_minutes is not None:
        cfg["max_minutes"] = args.max_minutes
    if args.max_steps is not None:
        cfg["max_steps"] = args.max_steps
    if args.lr is not None:
        cfg["lr"] = args.lr
    device = cfg["device"] if cfg["device"] == "cpu" or torch.cuda.is_available() else "cpu"
    torch.set_num_threads(args.threads)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.manual_seed(SEED)
    run_dir = args.run_dir or os.path.join(ROOT, "models", "training", "runs", args.preset)
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")
    log = open(os.path.join(run_dir, "log.jsonl"), "a")

    meta = read_meta(args.data)
    train, valid = Shard(args.data, "train"), Shard(args.data, "valid")
    model = Gpt(meta["vocabSize"], meta["maxSeqLen"], cfg["layers"], cfg["d_model"], cfg["heads"], cfg["dropout"]).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    state = dict(step=0, epoch=0, batch_in_epoch=0, train_seconds=0.0, tokens=0, last_train=None, last_valid=None)
    if os.path.exists(ckpt_path) and not args.fresh:
        ck = torch.load(ckpt_path, map_location=device, weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        state = ck["state"]
        print(f"resumed from {ckpt_path} at step {state['step']} ({state['train_seconds'] / 60:.1f} min trained)", flush=True)
    elif args.init_from:
        print(warm_start(model, torch.load(args.init_from, map_location=device, weights_only=False)), flush=True)

    hardware = (f"{torch.cuda.get_device_name()}, bf16 autocast" if device == "cuda" else f"CPU, {args.threads} threads") + f", torch {torch.__version__}"

    def save():
        torch.save(dict(model=model.state_dict(), optimizer=opt.state_dict(), state=state, preset=args.preset, cfg=cfg,
                        model_config=model.config, tokenizer=meta["tokenizer"], hardware=hardware), ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)

    def save_best():
        """Keeps the weights of the lowest valid loss so far as best.pt (a long run can overfit after its best)."""
        loss = state["last_valid"]["loss"]
        if loss < state.get("best_valid", float("inf")):
            state["best_valid"] = loss
            torch.save(dict(model=model.state_dict(), state=dict(state), preset=args.preset, cfg=cfg, model_config=model.config,
                            tokenizer=meta["tokenizer"], hardware=hardware), os.path.join(run_dir, "best.pt"))

    def report(kind, values):
        rec = dict(kind=kind, step=state["step"], minutes=round(state["train_seconds"] / 60, 3), tokens=state["tokens"], **values)
        log.write(json.dumps(rec) + "\n")
        log.flush()
        print(json.dumps(rec), flush=True)

    print(f"preset {args.preset}: {model.param_count():,} parameters, train {len(train)} sequences "
          f"({int(train.lengths.sum()):,} tokens), device {device}", flush=True)
    budget = cfg["max_minutes"] * 60
    last_eval = last_ckpt = state["train_seconds"]
    window = dict(ctx_sum=0.0, ctx_n=0.0, mid_sum=0.0, mid_n=0.0)
    window_tokens, window_start = 0, time.time()
    model.train()
    epoch_order = {}
    while state["train_seconds"] < budget and (cfg["max_steps"] is None or state["step"] < cfg["max_steps"]):
        if state["epoch"] not in epoch_order:
            epoch_order = {state["epoch"]: batches(train, cfg["batch"], state["epoch"], SEED)}
        order = epoch_order[state["epoch"]]
        if state["batch_in_epoch"] >= len(order):
            state["epoch"] += 1
            state["batch_in_epoch"] = 0
            continue
        t0 = time.time()
        ids, region = collate(train, order[state["batch_in_epoch"]], device)
        for g in opt.param_groups:
            g["lr"] = lr_at(cfg, state["step"], state["train_seconds"] / budget)
        loss, parts = losses(model, ids, region, cfg["mid_weight"])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        n_tokens = int((ids != PAD).sum().item())
        state["step"] += 1
        state["batch_in_epoch"] += 1
        state["tokens"] += n_tokens
        state["train_seconds"] += time.time() - t0
        for k in window:
            window[k] += parts[k]
        window_tokens += n_tokens
        if state["step"] % 10 == 0 or state["step"] == 1:
            state["last_train"] = summarize(window)
            report("train", dict(**state["last_train"], lr=opt.param_groups[0]["lr"],
                                 tokens_per_s=round(window_tokens / (time.time() - window_start), 1)))
            window = dict(ctx_sum=0.0, ctx_n=0.0, mid_sum=0.0, mid_n=0.0)
            window_tokens, window_start = 0, time.time()
        if state["train_seconds"] - last_eval >= cfg["eval_every_minutes"] * 60:
            t_eval = time.time()
            state["last_valid"] = evaluate(model, valid, cfg["eval_sequences"], cfg["batch"], device)
            report("valid", state["last_valid"])
            save_best()
            last_eval = state["train_seconds"]
            window_start += time.time() - t_eval  # evaluation time is not training throughput
        if state["train_seconds"] - last_ckpt >= cfg["ckpt_every_minutes"] * 60:
            save()
            last_ckpt = state["train_seconds"]
    if window["ctx_n"] + window["mid_n"] > 0:
        state["last_train"] = summarize(window)
    state["last_valid"] = evaluate(model, valid, cfg["eval_sequences"] * 2, cfg["batch"], device)
    report("valid", dict(**state["last_valid"], final=True))
    save_best()
    save()
    print(f"done: step {state['step']}, {state['train_seconds'] / 60:.1f} min, saved {ckpt_path}", flush=True)


if __name__ == "__main__":
    main()
