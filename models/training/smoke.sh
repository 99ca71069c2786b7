#!/usr/bin/env bash
# End-to-end smoke test of the model pipeline on the tiny preset: prepare 3 pieces per dataset and split, train a
# few dozen steps, export to ONNX, then load it in onnxruntime-node and sample. Any failing stage fails the script.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npx tsx models/prepare/cli.ts --limit 3 --out "$tmp/data"
/usr/bin/python3 models/training/train.py --preset tiny --data "$tmp/data" --run-dir "$tmp/run" --fresh
/usr/bin/python3 models/training/export.py --ckpt "$tmp/run/ckpt.pt" --out "$tmp/model" --parity "$tmp/parity.json"
npx tsx models/training/sample-check.ts "$tmp/model" 24
echo "smoke: ok"
