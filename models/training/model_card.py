"""Writes the model card README.md of an exported model folder from its manifest.json and the training log.

  /usr/bin/python3 models/training/model_card.py --model-dir models/tandem-fim-v1 --log models/training/runs/default/log.jsonl

An existing "## Evaluation" section (the eval tool fills it) is kept as it is.
"""
import argparse
import json
import os

EVAL_PLACEHOLDER = "## Evaluation\n\nTo be filled by the evaluation tool (`npm run model:eval`): infill NLL in bits per note on valid, " \
                   "note-onset F1, pitch-class overlap, density error, constraint adherence and latency, next to the baselines.\n"


def fmt(x, digits=3):
    return "n/a" if x is None else f"{x:.{digits}f}"


def pct(xs, q):
    return sorted(xs)[int(q * (len(xs) - 1))] if xs else 0.0


def loss_curve(records):
    """About ten training points spread over the run, and every validation point."""
    train = [r for r in records if r["kind"] == "train"]
    valid = {r["step"]: r for r in records if r["kind"] == "valid"}
    picks = {train[int(i * (len(train) - 1) / 9)]["step"] for i in range(10)} if train else set()
    rows = []
    for r in train:
        if r["step"] in picks:
            rows.append(f"| {r['step']} | {r['minutes']:.1f} | {r['tokens']:,} | {fmt(r['loss'])} | {fmt(r['mid_loss'])} | | |")
    for step, r in sorted(valid.items()):
        rows.append(f"| {step} | {r['minutes']:.1f} | {r['tokens']:,} | | | {fmt(r['loss'])} | {fmt(r['mid_loss'])} |")
    rows.sort(key=lambda line: (int(line.split("|")[1]), line.count("| |")))
    head = "| step | minutes | tokens seen | train loss | train region loss | valid loss | valid region loss |\n|---|---|---|---|---|---|---|\n"
    return head + "\n".join(rows) + "\n"


PREDICTS = {"bar": "the bar's first track, or its end", "track": "the track's first onset", "pos": "the duration",
            "dur": "the pitch", "pitch": "the next onset, the next track or the bar's end"}


def repetition_section(m):
    """The repetition expert's weights, once `npm run model:fit-repetition` has written them into the manifest."""
    r = m.get("repetition")
    if not r:
        return "\nNo repetition expert is fitted yet: run `npm run model:fit-repetition` after every export.\n"
    sampling = r.get("sampling")
    rows = "\n".join(f"| after {k.upper()} | {PREDICTS[k]} | {v:.2f} |" + (f" {sampling[k]:.2f} |" if sampling else "")
                     for k, v in r["lambda"].items())
    head = "| state | the expert predicts | λ |" + (" sampled at |" if sampling else "")
    rule = "|---|---|--:|" + ("--:|" if sampling else "")
    sampled = (f"Sampling multiplies the \"sampled at\" weights ({r.get('samplingChosen', 'chosen by measurement')}) by the request's "
               "`repetition` (default 3, capped at 0.95; 0 turns the expert off).") if sampling else (
               "Sampling multiplies them by the request's `repetition` (default 3, capped at 0.95;\n"
               "0 turns the expert off): at the likelihood's weights the sampled regions copied too little (see Evaluation).")
    return f"""
## Repetition expert

Music repeats itself, and a 2 M-parameter model trained for a few hours copies too little. Next to the network, the
decoder consults each region track one period earlier (the period, 1, 2, 4 or 8 bars, that best matches the track's
context bars) and predicts the one token copying it would write next (`models/tokenizer/repetition.ts`). The model's
distribution is mixed with it, p = (1 - λ) p_model + λ [token = prediction], one λ per grammar state, fitted by maximum
likelihood on {r['fittedOn']} (`npm run model:fit-repetition`; rerun it after every export):

{head}
{rule}
{rows}

NLL is measured with the λ column. {sampled}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--data-meta", default=None, help="models/data/meta.json (sequence and token counts)")
    ap.add_argument("--note", default="", help="a sentence about the run (e.g. the machine was shared)")
    args = ap.parse_args()
    m = json.load(open(os.path.join(args.model_dir, "manifest.json")))
    # the log outlives the exported checkpoint (training goes on, a resume repeats steps): keep what the model saw
    by_step = {}
    for line in open(args.log):
        if line.strip():
            r = json.loads(line)
            if r["step"] <= m["trainSteps"]:
                by_step[(r["kind"], r["step"])] = r
    records = sorted(by_step.values(), key=lambda r: (r["step"], r["kind"]))
    speeds = [r["tokens_per_s"] for r in records if r["kind"] == "train" and r["step"] > 1 and r.get("tokens_per_s")]
    data = json.load(open(args.data_meta)) if args.data_meta and os.path.exists(args.data_meta) else None
    readme = os.path.join(args.model_dir, "README.md")
    evaluation = EVAL_PLACEHOLDER
    if os.path.exists(readme):
        text = open(readme).read()
        if "## Evaluation" in text:
            evaluation = text[text.index("## Evaluation"):]
    io_rows = "\n".join(f"| {kind} | `{x['name']}` | {x['dtype']} | `[{', '.join(str(d) for d in x['shape'])}]` |"
                        for kind, xs in (("input", m["inputs"]), ("output", m["outputs"])) for x in xs)
    data_line = ""
    if data:
        t, v = data["splits"]["train"], data["splits"]["valid"]
        data_line = (f"Shards (`npm run model:prepare`, seed `{data['options']['seed']}`, {data['options']['copies']} passes over train): "
                     f"train {t['sequences']:,} sequences / {t['tokens']:,} tokens from pop909 {t['pieces'].get('pop909', 0)} + "
                     f"groove {t['pieces'].get('groove', 0)} pieces; valid {v['sequences']:,} / {v['tokens']:,} tokens.\n")
    card = f"""# {m['name']} {m['version']} (`{os.path.basename(os.path.abspath(args.model_dir))}`)

A small decoder-only transformer that fills a region of a piece (bars x pitch range x tracks) given the notes around
it, or continues it; the same model does both (fill in the middle). Tokenizer `{m['tokenizer']}` (`models/tokenizer`).

## Data and licenses

- **POP909** (MIT): 909 Chinese pop songs arranged for piano by the dataset's authors; MELODY, BRIDGE and PIANO tracks
  become model tracks 0, 1 and 2. Wang, Z., Chen, K., Jiang, J., Zhang, Y., Xu, M., Dai, S., Gu, X., Xia, G.:
  "POP909: A Pop-song Dataset for Music Arrangement Generation", ISMIR 2020. github.com/music-x-lab/POP909-Dataset.
- **Groove MIDI Dataset** (CC BY 4.0): 13.6 h of drumming by 10 drummers on a Roland TD-11, folded to General MIDI
  drums, model track 3. Gillick, J., Roberts, A., Engel, J., Eck, D., Bamman, D.: "Learning to Groove with Inverse
  Sequence Transformations", ICML 2019. magenta.tensorflow.org/datasets/groove.

Only the train splits (`splits.csv`) were trained on; valid was used for the losses below; the test splits were held
back. Training windows are transposed by -5..+6 semitones (drums never). {data_line}
## Model

| | |
|---|---|
| architecture | GPT decoder, pre-LayerNorm, learned positions, tied embeddings |
| layers / heads / width / head dim | {m['layers']} / {m['heads']} / {m['dModel']} / {m['headDim']} |
| parameters | {m['params']:,} |
| vocabulary / context | {m['vocabSize']} / {m['maxSeqLen']} |
| preset | `{m['preset']}` |
| ONNX | opset {m['opset']}, `model.onnx` sha256 `{m['sha256']}` |

| | name | dtype | shape |
|---|---|---|---|
{io_rows}

`past_kv` may have past = 0. Positions are `past + arange(new)`. `present_kv` holds only the new rows: keep one
preallocated `[{m['maxSeqLen']}, 2, {m['layers']}, batch, {m['heads']}, {m['headDim']}]` buffer, pass its first `past` rows, copy the new rows after them.
Parity with PyTorch (1e-4) and KV-cache decoding are checked by `models/training/parity.test.ts`.
{repetition_section(m)}
## Training

{m['trainSteps']:,} steps, {m['trainTokens']:,} tokens, {m['trainSeconds'] / 60:.1f} minutes of training on {m['hardware']}
(trained {m['trainedAt']}), {pct(speeds, 0.1):.0f}-{pct(speeds, 0.9):.0f} tokens/s (10th-90th percentile of the
logged rates, median {pct(speeds, 0.5):.0f}). {args.note} AdamW, cosine learning rate over the time
budget, region tokens weighted 2 in the loss. Final train loss {fmt(m['finalTrainLoss'])}, valid loss {fmt(m['finalValidLoss'])}
(region part {fmt(m.get('finalValidRegionLoss'))}) nats a token.

Loss curve (nats a token; region = the tokens after `MID`):

{loss_curve(records)}
Reproduce: `npm run model:prepare`, then `npm run model:train -- --preset {m['preset']} --max-minutes {m.get('trainBudgetMinutes', round(m['trainSeconds'] / 60))}`,
then `npm run model:export -- --ckpt models/training/runs/{m['preset']}/ckpt.pt --out {args.model_dir} --parity models/fixtures/parity.json`.

{evaluation}"""
    with open(readme, "w") as f:
        f.write(card)
    print(f"wrote {readme}")


if __name__ == "__main__":
    main()
