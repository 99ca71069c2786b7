"""The product's fine-tune (method B of issue 17): the shipped network rebuilt from its ONNX, its last blocks
fine-tuned on a band's pieces (models/adapt/finetune.py's `fine_tune`, with the rehearsal pieces shipped beside the
model), written as a patch of the tensors that changed, by the shipped graph's names (models/adapt/network_patch.py).

  /usr/bin/python3 models/adapt/adapt_network.py --onnx models/tandem-fim-v2/model.onnx \\
      --manifest models/tandem-fim-v2/manifest.json --data DIR --rehearsal models/adapt/rehearsal --out PATCH

--data holds the band's shards (models/adapt/finetune-shards.ts: train and valid, guard optional). stdout: a JSON line
{"progress", "phase": "reading" | "training" | "writing"} at most twice a second, then {"done": true, ...figures,
"patchBytes", "tensors"}. Exit code 3 where PyTorch is missing; 1 (with a message on stderr) on anything else.
"""
import argparse
import json
import os
import sys
import time

try:
    import torch
except ImportError:
    print("fine-tuning needs PyTorch, and this python3 cannot import torch (Debian: apt install python3-torch)", file=sys.stderr)
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "training"))
sys.path.insert(0, HERE)
import onnx  # noqa: E402
from export import sha256  # noqa: E402
from finetune import add_training_arguments, fine_tune, trained_parameters, training_options  # noqa: E402
from from_onnx import initializer_names, rebuild  # noqa: E402
from model import Gpt  # noqa: E402
from network_patch import apply_patch, encode_patch  # noqa: E402

PROGRESS_EVERY_S = 0.5


def reporter():
    """on_progress for fine_tune: one JSON line a phase change or half a second, whichever comes first."""
    last = {"phase": None, "at": 0.0}

    def report(share, phase):
        now = time.monotonic()
        if phase == last["phase"] and now - last["at"] < PROGRESS_EVERY_S:
            return
        last.update(phase=phase, at=now)
        print(json.dumps(dict(progress=round(share, 3), phase=phase)), flush=True)

    return report


def check_rehearsal(rehearsal, manifest):
    """Rehearsal shards are token ids: they must have been written by this model's tokenizer."""
    meta_path = os.path.join(rehearsal, "meta.json")
    if not os.path.exists(meta_path):
        return
    with open(meta_path) as f:
        meta = json.load(f)
    if meta["tokenizer"] != manifest["tokenizer"] or meta["model"]["vocabSize"] != manifest["vocabSize"]:
        sys.exit(f"{rehearsal} was written for {meta['tokenizer']} ({meta['model']['vocabSize']} ids), the model is "
                 f"{manifest['tokenizer']} ({manifest['vocabSize']} ids): run models/adapt/write-rehearsal.ts")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", required=True, help="the shipped model.onnx")
    ap.add_argument("--manifest", required=True, help="its manifest.json (architecture and sha256)")
    ap.add_argument("--data", required=True, help="the band's shards: train.{bin,idx}, valid.{bin,idx}")
    ap.add_argument("--out", required=True, help="the patch to write")
    add_training_arguments(ap, seconds=60, lr=1e-4, eval_every=10)  # method B's measured settings (README)
    args = ap.parse_args()

    with open(args.manifest) as f:
        manifest = json.load(f)
    base = sha256(args.onnx)
    if base != manifest["sha256"]:
        sys.exit(f"{args.onnx} (sha256 {base}) is not the model {args.manifest} describes ({manifest['sha256']})")
    if not 1 <= args.layers <= manifest["layers"]:
        sys.exit(f"--layers {args.layers}: the model has {manifest['layers']} blocks")
    if args.rehearsal:
        check_rehearsal(args.rehearsal, manifest)

    graph = onnx.load(args.onnx).graph
    config = dict(vocab_size=manifest["vocabSize"], max_seq_len=manifest["maxSeqLen"], layers=manifest["layers"],
                  d_model=manifest["dModel"], heads=manifest["heads"])
    model = Gpt(**config)
    model.load_state_dict(rebuild(graph, config))
    report = reporter()
    state, stats = fine_tune(model, args.data, **training_options(args), on_progress=report)

    report(0.0, "writing")
    where = initializer_names(graph, config)
    tensors = []
    for name in trained_parameters(model, args.layers):
        init, transposed = where[name]
        weights = state[name].numpy()
        tensors.append((init, weights.T if transposed else weights))  # the graph's layout: linear layers transposed
    patch = encode_patch(tensors, base, stats)

    # The server applies the patch to the shipped graph: applied here the same way, it must give back every weight
    # the fine-tune kept (the changed ones) and the shipped graph's (the rest)
    try:
        apply_patch(graph, patch)
    except ValueError as e:
        sys.exit(f"the patch does not apply to {args.onnx}: {e}")
    again = rebuild(graph, config)
    wrong = [name for name, weights in state.items() if not torch.equal(again[name], weights)]
    if wrong:
        sys.exit(f"the patch, applied to {args.onnx}, does not give back the fine-tuned weights: {', '.join(wrong)}")
    tmp = f"{args.out}.tmp"
    with open(tmp, "wb") as f:
        f.write(patch)
    os.replace(tmp, args.out)
    print(json.dumps(dict(done=True, **stats, patchBytes=len(patch), tensors=len(tensors))), flush=True)


if __name__ == "__main__":
    main()
