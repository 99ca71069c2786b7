"""Method B of issue 17: fine-tune the shipped checkpoint's last blocks on a band's own pieces.

Reads the shards models/adapt/finetune-eval.ts writes (train: the band's adapt pieces; valid: a few of them held
aside), trains the last --layers blocks and the final LayerNorm for --seconds after the frozen blocks' features are computed once (the embedding, tied to the output
head, stays frozen, so only those blocks change), and keeps the step with the lowest region loss on the held-aside
pieces. With a guard shard (pieces of other styles), a step is kept only while their
region loss stays within --guard-tolerance of the base's. Writes a checkpoint export.py reads, and prints one JSON line
of figures.
"""
import argparse
import copy
import json
import os
import sys
import time

try:
    import torch
    from torch.nn import functional as F
except ImportError:
    sys.exit("method B (fine-tune) needs PyTorch, and this python3 cannot import torch (Debian: apt install python3-torch)")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "training"))
from data import PAD, Shard, collate  # noqa: E402
from export import load  # noqa: E402


def frozen_features(model, ids, n_train):
    """The frozen blocks' output for ids [1, T] (no dropout in eval mode, so it is computed once per sequence)."""
    t = ids.shape[1]
    pos = torch.arange(t)
    mask = (pos.unsqueeze(0) > pos.unsqueeze(1)).to(torch.float32) * -1e9
    with torch.no_grad():
        x = model.tok(ids) + model.pos(pos)
        for block in model.blocks[: len(model.blocks) - n_train]:
            x, _, _ = block(x, mask)
    return x, mask


def region_loss(model, x, mask, ids, region, n_train, mid_weight):
    for block in model.blocks[len(model.blocks) - n_train:]:
        x, _, _ = block(x, mask)
    logits = model.head(model.ln(x))[:, :-1]
    targets = ids[:, 1:]
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none").view_as(targets)
    real = (targets != PAD).float()
    reg = region[:, 1:] * real
    weights = (real - reg) + mid_weight * reg
    return (nll * weights).sum() / weights.sum(), (nll * reg).sum().item(), reg.sum().item()


def encode_all(model, shard, n_train):
    out = []
    for i in range(len(shard)):
        ids, region = collate(shard, [i], "cpu")
        x, mask = frozen_features(model, ids, n_train)
        out.append((x, mask, ids, region))
    return out


def valid_loss(model, items, n_train):
    s = n = 0.0
    with torch.no_grad():
        for x, mask, ids, region in items:
            _, ms, mn = region_loss(model, x, mask, ids, region, n_train, 1.0)
            s, n = s + ms, n + mn
    return s / max(n, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", required=True, help="the shipped model's checkpoint")
    ap.add_argument("--data", required=True, help="folder with train.{bin,idx} and valid.{bin,idx}")
    ap.add_argument("--out", required=True, help="the adapted checkpoint (export.py reads it)")
    ap.add_argument("--layers", type=int, default=1, help="trailing blocks to train")
    ap.add_argument("--seconds", type=float, default=90)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--mid-weight", type=float, default=2.0)
    ap.add_argument("--eval-every", type=int, default=25)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--guard-tolerance", type=float, default=0.015,
                    help="with guard.{bin,idx} in --data (pieces of other styles): keep only steps whose region loss on "
                         "them is at most this much above the base's")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    t0 = time.time()
    model, ck = load(args.init)
    model.eval()  # dropout off: the frozen features are cached
    for p in model.parameters():
        p.requires_grad_(False)
    trained = list(model.blocks[len(model.blocks) - args.layers:]) + [model.ln]
    params = [p for m in trained for p in m.parameters()]
    for p in params:
        p.requires_grad_(True)
    train = encode_all(model, Shard(args.data, "train"), args.layers)
    valid = encode_all(model, Shard(args.data, "valid"), args.layers)
    has_guard = os.path.exists(os.path.join(args.data, "guard.idx"))
    guard = encode_all(model, Shard(args.data, "guard"), args.layers) if has_guard else []
    encode_seconds = time.time() - t0
    t0 = time.time()  # --seconds is the training loop's budget; the caller times the whole adaptation
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    best = valid_loss(model, valid, args.layers)
    start_valid, best_state, best_step = best, copy.deepcopy(model.state_dict()), 0
    # A fine-tune forgets other styles as it learns the band's: a step counts only while the guard pieces stay near
    # the base (a chorale class's fine-tune cost drummers and pop songs +9.7% by its own best step)
    guard_base = valid_loss(model, guard, args.layers) if guard else 0.0
    guard_best = guard_base

    def keeps(step_valid):
        nonlocal guard_best
        if step_valid >= best:
            return False
        if not guard:
            return True
        gl = valid_loss(model, guard, args.layers)
        if gl > guard_base * (1 + args.guard_tolerance):
            return False
        guard_best = gl
        return True

    step = 0
    g = torch.Generator().manual_seed(args.seed)
    while time.time() - t0 < args.seconds:
        for i in torch.randperm(len(train), generator=g).tolist():
            x, mask, ids, region = train[i]
            loss, _, _ = region_loss(model, x, mask, ids, region, args.layers, args.mid_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step % args.eval_every == 0:
                v = valid_loss(model, valid, args.layers)
                if keeps(v):
                    best, best_state, best_step = v, copy.deepcopy(model.state_dict()), step
            if time.time() - t0 >= args.seconds:
                break
    v = final_valid = valid_loss(model, valid, args.layers)
    if keeps(v):
        best, best_state, best_step = v, copy.deepcopy(model.state_dict()), step
    out = dict(ck, model=best_state)
    out.pop("optimizer", None)
    torch.save(out, args.out)
    changed = sum(p.numel() for p in params) * 4
    print(json.dumps(dict(steps=step, bestStep=best_step, sequences=len(train), validSequences=len(valid),
                          validBefore=start_valid, validBest=best, validFinal=final_valid, guardSequences=len(guard), guardBefore=guard_base, guardKept=guard_best, encodeSeconds=round(encode_seconds, 1), seconds=round(time.time() - t0, 1), changedBytes=changed)))


if __name__ == "__main__":
    main()
