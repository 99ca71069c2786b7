"""Starts a model from an earlier run's weights. A tokenizer that appends ids (tandem-fim-2 adds control tokens
after tandem-fim-1's 655) keeps the old rows of the tied embedding; the new rows start at the mean old row plus a
little noise, so the first steps see tokens close to what the model already knows rather than random vectors."""
import torch


def warm_start(model, checkpoint) -> str:
    old = checkpoint["model"]
    new = model.state_dict()
    old_cfg = checkpoint.get("model_config", {})
    for key in ("layers", "d_model", "heads"):
        if key in old_cfg and old_cfg[key] != model.config[key]:
            raise SystemExit(f"--init-from: the checkpoint has {key}={old_cfg[key]}, this preset {model.config[key]}")
    grown = []
    for name, tensor in new.items():
        if name not in old:
            raise SystemExit(f"--init-from: the checkpoint has no {name}")
        src = old[name]
        if src.shape == tensor.shape:
            new[name] = src.clone()
        elif src.dim() == 2 and src.shape[1] == tensor.shape[1] and src.shape[0] < tensor.shape[0]:
            rows = tensor.shape[0] - src.shape[0]
            gen = torch.Generator().manual_seed(1234)
            extra = src.mean(0, keepdim=True) + 0.02 * torch.randn(rows, src.shape[1], generator=gen)
            new[name] = torch.cat([src, extra.to(src.dtype)], 0)
            grown.append(f"{name} {src.shape[0]} -> {tensor.shape[0]} rows")
        else:
            raise SystemExit(f"--init-from: {name} is {tuple(src.shape)} there, {tuple(tensor.shape)} here")
    model.load_state_dict(new)
    step = checkpoint.get("state", {}).get("step", "?")
    return f"warm start from a {checkpoint.get('tokenizer', '?')} checkpoint at step {step}; grown: {', '.join(grown) or 'nothing'}"
