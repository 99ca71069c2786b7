# Runs on the lent GPU machine (models/training/README.md, "A lent GPU"): .gpu/ holds train.bin.xz, train.idx, valid.*,
# meta.json and init.pt (without it, training starts from scratch: a leave-bands-out base, models/adapt/README.md);
# MINUTES sets the training time. Usage there: bash models/training/gpu-session.sh
set -o pipefail
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 -c "import torch; print('torch', torch.__version__, torch.cuda.is_available())"
mkdir -p /tmp/data /tmp/run
python3 -c "import lzma,shutil;shutil.copyfileobj(lzma.open('.gpu/train.bin.xz'),open('/tmp/data/train.bin','wb'))"
cp .gpu/train.idx .gpu/valid.bin .gpu/valid.idx .gpu/meta.json /tmp/data/
init=()
[ -f .gpu/init.pt ] && init=(--init-from .gpu/init.pt)
timeout ${TRAIN_TIMEOUT:-520} python3 models/training/train.py --preset gpu-default --data /tmp/data --run-dir /tmp/run \
  "${init[@]}" --max-minutes ${MINUTES:-7} --threads 8 > $OUT/train.log 2>&1
echo "train rc $?"
grep -v '"kind": "train"' $OUT/train.log | tail -30
grep '"kind": "train"' $OUT/train.log | awk 'NR % 200 == 1' | cut -c1-220
tail -2 $OUT/train.log | cut -c1-300
cp /tmp/run/log.jsonl $OUT/log.jsonl
[ -f /tmp/run/best.pt ] && cp /tmp/run/best.pt $OUT/best.pt
[ -f /tmp/run/ckpt.pt ] && split -b 15M /tmp/run/ckpt.pt $OUT/ckpt.part-
python3 - <<'PY'
import numpy as np, torch, os
for name in ("ckpt", "best"):
    p = f"/tmp/run/{name}.pt"
    if os.path.exists(p):
        ck = torch.load(p, map_location="cpu", weights_only=False)
        np.savez(os.environ["OUT"] + f"/{name}-weights.npz", **{k: v.float().numpy() for k, v in ck["model"].items()})
        print(name, ck["state"].get("step"), ck["state"].get("valid") or ck["state"].get("last_valid"))
PY
ls -la $OUT
