"""Rebuilds a training checkpoint from a shipped model.onnx, so that a fine-tune (models/adapt/finetune.py) starts from
the exact weights the server runs. The GPU run keeps only its last step; 2.0.0 shipped its best (12,597 of 14,706).

  /usr/bin/python3 models/training/from_onnx.py --onnx models/tandem-fim-v2/model.onnx \\
      --like models/training/checkpoints/tandem-fim-2-run.pt --out /tmp/tandem-fim-2.0.0.pt

--like gives the architecture and run metadata (same layers, width and vocabulary). export.py names the weights of
LayerNorms, biases and embeddings; the matrices of the linear layers become anonymous initializers, read here in the
order the graph multiplies by them (per block: qkv, proj, fc1, fc2; then the output head), transposed back. Checks
that the rebuilt network, exported again as export.py exports, gives back the same weights in the same places, and
exits non-zero if not.
"""
import argparse
import os
import sys

import tempfile

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import OPSET, KvCacheModel  # noqa: E402
from model import Gpt  # noqa: E402

LINEAR = ("qkv", "proj", "fc1", "fc2")


def initializer_names(graph, config) -> dict:
    """Where each weight of the network is in the graph: state-dict name -> (initializer name, stored transposed).
    models/adapt/adapt_network.py names the tensors of its patches by it."""
    inits = [i.name for i in graph.initializer]
    where = {name[len("model."):]: (name, False) for name in inits if name.startswith("model.")}
    matrices = [n.input[1] for n in graph.node if n.op_type == "MatMul" and n.input[1] in inits and not n.input[1].startswith("model.")]
    names = [f"blocks.{b}.{p}.weight" for b in range(config["layers"]) for p in LINEAR] + ["head.weight"]
    if len(matrices) != len(names):
        raise SystemExit(f"expected {len(names)} weight matrices in the graph, found {len(matrices)}")
    where.update((name, (init, True)) for name, init in zip(names, matrices))
    return where


def rebuild(graph, config) -> dict:
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    return {name: torch.from_numpy((inits[init].T if transposed else inits[init]).copy())
            for name, (init, transposed) in initializer_names(graph, config).items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--like", required=True, help="a checkpoint of the same architecture (its config and metadata)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    like = torch.load(args.like, map_location="cpu", weights_only=False)
    c = like["model_config"]
    graph = onnx.load(args.onnx)
    model = Gpt(c["vocab_size"], c["max_seq_len"], c["layers"], c["d_model"], c["heads"])
    model.load_state_dict(rebuild(graph.graph, c))
    model.eval()

    drift = reexport_drift(model, graph)
    if drift > 1e-6:
        raise SystemExit(f"exported again, the rebuilt network's weights differ from the graph's by {drift:g}")
    torch.save({**like, "model": model.state_dict(), "optimizer": None, "from_onnx": os.path.abspath(args.onnx)}, args.out)
    print(f"wrote {args.out} from {args.onnx}: exported again, every weight within {drift:.1e} of the graph's")


def reexport_drift(model: Gpt, graph) -> float:
    """The largest difference between the graph's weights and the rebuilt network's, exported as export.py does."""
    c = model.config
    dummy = (torch.tensor([[1, 3, 6, 7, 11]], dtype=torch.int64), torch.zeros(3, 2, c["layers"], 1, c["heads"], c["d_model"] // c["heads"]))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.onnx")
        torch.onnx.export(KvCacheModel(model).eval(), dummy, path, opset_version=OPSET, do_constant_folding=True,
                          input_names=["input_ids", "past_kv"], output_names=["logits", "present_kv"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "new"}, "past_kv": {0: "past", 3: "batch"}})
        again = [numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer]
    shipped = [numpy_helper.to_array(i) for i in graph.graph.initializer]
    if [a.shape for a in again] != [a.shape for a in shipped]:
        raise SystemExit("exported again, the rebuilt network's graph holds different weights than the shipped one")
    return max(float(np.abs(a - b).max()) for a, b in zip(again, shipped))


if __name__ == "__main__":
    main()
