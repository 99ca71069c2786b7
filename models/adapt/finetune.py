"""Method B of issue 17: fine-tune the shipped checkpoint's last blocks on a band's own pieces.

Reads the shards models/adapt/finetune-eval.ts writes (train: the band's adapt pieces; valid: a few of them held
aside), trains the last --layers blocks and the final LayerNorm for --seconds after the frozen blocks' features are computed once (the embedding, tied to the output
head, stays frozen, so only those blocks change), and keeps the step with the lowest region loss on the held-aside
pieces. With a guard shard (pieces of other styles), a step is kept only while their
region loss stays within --guard-tolerance of the base's. --rehearsal DIR adds the pieces shipped beside the model
(models/adapt/rehearsal: its train shard joins the train set, its guard shard is the guard where --data has none).
Writes a checkpoint export.py reads, and prints one JSON line of figures. The training is `fine_tune`, which
models/adapt/adapt_network.py (the product's fine-tune) imports.
"""
import argparse
import copy
import ctypes
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


def trained_parameters(model, n_train) -> dict:
    """What the fine-tune changes, by state-dict name: the last n_train blocks and the final LayerNorm."""
    prefixes = tuple(f"blocks.{b}." for b in range(len(model.blocks) - n_train, len(model.blocks))) + ("ln.",)
    return {name: p for name, p in model.named_parameters() if name.startswith(prefixes)}


def keep_freed_memory():
    """glibc gives large freed blocks (a sequence's attention, 2-17 MB) back to the system and faults them in again at
    the next one: reading 144 chorale sequences took 20 s, a third of it in the kernel, and 9 s with them kept."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return  # not glibc: its allocator does what it does
    libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD
    libc.mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD, glibc's largest: the heap serves blocks up to 32 MB


_mask = torch.zeros(0, 0)


def causal_mask(t):
    """The additive causal mask [t, t], a view of one shared mask: the cached sequences do not each hold one."""
    global _mask
    if _mask.shape[0] < t:
        pos = torch.arange(t)
        _mask = (pos.unsqueeze(0) > pos.unsqueeze(1)).to(torch.float32) * -1e9
    return _mask[:t, :t]


def frozen_features(model, ids, n_train):
    """The frozen blocks' output for ids [1, T] (no dropout in eval mode, so it is computed once per sequence)."""
    t = ids.shape[1]
    pos = torch.arange(t)
    mask = causal_mask(t)
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


def encode_all(model, shards, n_train, done):
    out = []
    for shard in shards:
        for i in range(len(shard)):
            ids, region = collate(shard, [i], "cpu")
            x, mask = frozen_features(model, ids, n_train)
            out.append((x, mask, ids, region))
            done()
    return out


def valid_loss(model, items, n_train):
    s = n = 0.0
    with torch.no_grad():
        for x, mask, ids, region in items:
            _, ms, mn = region_loss(model, x, mask, ids, region, n_train, 1.0)
            s, n = s + ms, n + mn
    return s / max(n, 1)


def has_split(data_dir, split) -> bool:
    return data_dir is not None and os.path.exists(os.path.join(data_dir, f"{split}.idx"))


def fine_tune(model, data_dir, *, layers=1, seconds=90.0, steps=0, lr=2e-4, mid_weight=2.0, eval_every=25, threads=1,
              seed=1, guard_tolerance=0.015, min_gain=0.0, rehearsal=None, on_progress=None):
    """Trains model's last `layers` blocks and final LayerNorm in place on data_dir's shards (and rehearsal's) for
    `seconds` of training, or exactly `steps` steps where given (the same figures on a loaded host); returns the kept
    step's state dict and the figures. A step is kept only if its loss on the held-aside pieces is at least `min_gain`
    (a share) below the base's. on_progress(share, phase) is told how far the frozen features are ("reading", a share
    of the sequences) and the training ("training", a share of the budget)."""
    progress = on_progress or (lambda share, phase: None)
    keep_freed_memory()
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    t0 = time.time()
    model.eval()  # dropout off: the frozen features are cached
    for p in model.parameters():
        p.requires_grad_(False)
    params = list(trained_parameters(model, layers).values())
    for p in params:
        p.requires_grad_(True)
    guard_dir = data_dir if has_split(data_dir, "guard") else rehearsal if has_split(rehearsal, "guard") else None
    shards = dict(train=[Shard(data_dir, "train")] + ([Shard(rehearsal, "train")] if rehearsal else []),
                  valid=[Shard(data_dir, "valid")], guard=[Shard(guard_dir, "guard")] if guard_dir else [])
    total = sum(len(s) for split in shards.values() for s in split)
    encoded = 0

    def done():
        nonlocal encoded
        encoded += 1
        progress(encoded / max(total, 1), "reading")

    train, valid, guard = (encode_all(model, shards[split], layers, done) for split in ("train", "valid", "guard"))
    encode_seconds = time.time() - t0
    t0 = time.time()  # `seconds` is the training loop's budget; the caller times the whole adaptation
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    best = valid_loss(model, valid, layers)
    start_valid, best_state, best_step = best, copy.deepcopy(model.state_dict()), 0
    # A fine-tune forgets other styles as it learns the band's: a step counts only while the guard pieces stay near
    # the base (a chorale class's fine-tune cost drummers and pop songs +9.7% by its own best step)
    guard_base = valid_loss(model, guard, layers) if guard else 0.0
    guard_best = guard_base

    def keeps(step_valid):
        nonlocal guard_best
        if step_valid >= best or step_valid > start_valid * (1 - min_gain):
            return False
        if not guard:
            return True
        gl = valid_loss(model, guard, layers)
        if gl > guard_base * (1 + guard_tolerance):
            return False
        guard_best = gl
        return True

    step = 0
    g = torch.Generator().manual_seed(seed)

    def budget_spent():
        return min(1.0, step / steps) if steps else min(1.0, (time.time() - t0) / seconds)

    while budget_spent() < 1:
        for i in torch.randperm(len(train), generator=g).tolist():
            x, mask, ids, region = train[i]
            loss, _, _ = region_loss(model, x, mask, ids, region, layers, mid_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step % eval_every == 0:
                v = valid_loss(model, valid, layers)
                if keeps(v):
                    best, best_state, best_step = v, copy.deepcopy(model.state_dict()), step
            progress(budget_spent(), "training")
            if budget_spent() >= 1:
                break
    v = final_valid = valid_loss(model, valid, layers)
    if keeps(v):
        best, best_state, best_step = v, copy.deepcopy(model.state_dict()), step
    stats = dict(steps=step, bestStep=best_step, sequences=len(train), validSequences=len(valid), validBefore=start_valid,
                 validBest=best, validFinal=final_valid, guardSequences=len(guard), guardBefore=guard_base,
                 guardKept=guard_best, encodeSeconds=round(encode_seconds, 1), seconds=round(time.time() - t0, 1),
                 changedBytes=sum(p.numel() for p in params) * 4)
    if rehearsal:
        stats["rehearsalSequences"] = len(shards["train"][1])
    return best_state, stats


def add_training_arguments(ap, *, seconds, lr, eval_every):
    """The fine-tune's options, shared with adapt_network.py (each with its own defaults for these three)."""
    ap.add_argument("--layers", type=int, default=1, help="trailing blocks to train")
    ap.add_argument("--seconds", type=float, default=seconds)
    ap.add_argument("--steps", type=int, default=0, help="train exactly this many steps instead of --seconds")
    ap.add_argument("--lr", type=float, default=lr)
    ap.add_argument("--mid-weight", type=float, default=2.0)
    ap.add_argument("--eval-every", type=int, default=eval_every)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--guard-tolerance", type=float, default=0.015,
                    help="with guard.{bin,idx} in --data (pieces of other styles): keep only steps whose region loss on "
                         "them is at most this much above the base's")
    ap.add_argument("--min-gain", type=float, default=0.0,
                    help="keep only steps whose loss on the held-aside pieces is at least this share below the base's")
    ap.add_argument("--rehearsal", help="folder with train.{bin,idx} (joins the train set) and guard.{bin,idx} (the "
                                        "guard where --data has none), e.g. models/adapt/rehearsal")


def training_options(args) -> dict:
    """fine_tune's keyword arguments from the options add_training_arguments added."""
    names = ("layers", "seconds", "steps", "lr", "mid_weight", "eval_every", "threads", "seed", "guard_tolerance", "min_gain",
             "rehearsal")
    return {name: getattr(args, name) for name in names}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", required=True, help="the shipped model's checkpoint")
    ap.add_argument("--data", required=True, help="folder with train.{bin,idx} and valid.{bin,idx}")
    ap.add_argument("--out", required=True, help="the adapted checkpoint (export.py reads it)")
    add_training_arguments(ap, seconds=90, lr=2e-4, eval_every=25)
    args = ap.parse_args()

    model, ck = load(args.init)
    best_state, stats = fine_tune(model, args.data, **training_options(args))
    out = dict(ck, model=best_state)
    out.pop("optimizer", None)
    torch.save(out, args.out)
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
