"""Training presets: model size, batch and time budget. `tiny` is the end-to-end smoke test."""

PRESETS = {
    # smoke.sh: prepare --limit 3, two dozen steps, export, sample: about a minute on idle cores
    "tiny": dict(layers=2, d_model=64, heads=2, batch=2, lr=3e-3, warmup=3, max_steps=24, max_minutes=1.0,
                 eval_every_minutes=10.0, eval_sequences=4, ckpt_every_minutes=10.0, mid_weight=2.0, dropout=0.0, device="cpu"),
    # 2 CPU cores shared with other work for ~1 hour. MODELS.md measured 4 x 256 at ~1,700 tokens/s on idle cores;
    # with the cores shared (load ~10) it trained 265-277 tokens/s here, so the width is 192 and batches are small
    # (more updates from the ~1-2 M tokens the hour allows).
    "default": dict(layers=4, d_model=192, heads=4, batch=4, lr=2e-3, warmup=30, max_steps=None, max_minutes=55.0,
                    eval_every_minutes=15.0, eval_sequences=48, ckpt_every_minutes=3.0, mid_weight=2.0, dropout=0.0, device="cpu"),
    # a lent GPU (H100/H200) for ~10 minutes, at the default preset's size so that it warm-starts from and stays as
    # fast on a CPU server as the shipped model: big batches, bf16, tens of times the tokens of a CPU hour
    "gpu-default": dict(layers=4, d_model=192, heads=4, batch=64, lr=8e-4, warmup=100, max_steps=None, max_minutes=7.0,
                        eval_every_minutes=1.0, eval_sequences=512, ckpt_every_minutes=1.0, mid_weight=2.0, dropout=0.0, device="cuda"),
    # a lent GPU (H200-class): larger model, more tokens in the same wall-clock
    "gpu": dict(layers=8, d_model=512, heads=8, batch=32, lr=6e-4, warmup=200, max_steps=None, max_minutes=10.0,
                eval_every_minutes=2.0, eval_sequences=256, ckpt_every_minutes=2.0, mid_weight=2.0, dropout=0.1, device="cuda"),
}
