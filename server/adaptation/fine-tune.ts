/**
 * Method B of "learn our style" (issue 17): the shipped model's last block fine-tuned on the pieces, by
 * models/adapt/adapt_network.py with the server's own PyTorch, into a network patch (the weights it changed) that the
 * inference service runs on the shipped graph. The pieces become token shards through the TypeScript tokenizer
 * (models/adapt/finetune-shards.ts, as model:eval-style's method B measures it); the rehearsal and guard pieces shipped
 * in models/adapt/rehearsal keep it from forgetting the other styles. One fine-tune at a time a process: it takes a
 * core for a minute or two.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { sourceAsEvalPiece, type SourcePiece } from "../../models/adapt/build-style-memory";
import { writeBandShards } from "../../models/adapt/finetune-shards";
import { loadManifest } from "../inference/manifest";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const REHEARSAL_DIR = path.join(ROOT, "models/adapt/rehearsal");
const SCRIPT = path.join(ROOT, "models/adapt/adapt_network.py");
/** adapt_network.py's exit code when `import torch` fails. */
const NO_TORCH_EXIT = 3;

/** As measured in models/adapt/README.md ("Model 2"): last block, lr 1e-4, 60 s, two passes, a 1.5% guard, 6% to keep. */
export interface FineTuneSettings {
  seconds: number;
  /** Exactly this many training steps instead of `seconds` (0: by the clock); tests, whose host may be loaded. */
  steps: number;
  lr: number;
  layers: number;
  copies: number;
  evalEvery: number;
  guardTolerance: number;
  /** A step is kept only if its loss on the held-aside pieces is at least this share below the base's. */
  minGain: number;
  threads: number;
}
export const FINE_TUNE_DEFAULTS: FineTuneSettings = {
  seconds: 60,
  steps: 0,
  lr: 1e-4,
  layers: 1,
  copies: 2,
  evalEvery: 10,
  guardTolerance: 0.015,
  // Two held-aside pieces are few: drummer1's best step was 5.5% below the base there and 2.2% worse on its held-out
  // takes; a new style clears it by far (chorales 1-20: 16.9% there, -21% held out). models/adapt/README.md.
  minGain: 0.06,
  threads: 1,
};

/** What the build keeps of a fine-tune: its network, and figures the owner and the disclosure may read. */
export interface FineTuned {
  /**
   * The learned network, to store and apply; null where no step was kept (stats.bestStep 0: no step the guard allowed
   * beat the shipped weights by FINE_TUNE_DEFAULTS.minGain), so the model's own network runs.
   */
  patch: Uint8Array | null;
  /** The sha256 of the weights it writes with: the patch's, or where none was kept, the shipped weights'. */
  fingerprint: string;
  stats: { steps: number; bestStep: number; validBefore: number; validBest: number; seconds: number; sequences: number };
}

export type FineTuneAvailability = { ok: true } | { ok: false; reason: string };

export interface FineTuner {
  /** Whether this server can fine-tune (its python imports torch and onnx): checked once, in the background. */
  available(): Promise<FineTuneAvailability>;
  /** `onProgress` hears the share done (0..1); the patch is for the model in `modelDir`. */
  run(id: string, pieces: readonly SourcePiece[], onProgress: (share: number) => Promise<void>): Promise<FineTuned>;
  close(): void;
}

export interface FineTunerOptions {
  modelDir: string;
  python?: string; // default: TANDEM_PYTHON or /usr/bin/python3 (Debian's, with python3-torch)
  settings?: Partial<FineTuneSettings>;
}

const NEEDS_TORCH = "Fine-tuning needs PyTorch on the server (Debian: apt install python3-torch python3-onnx)";

/** Shares of the progress: the shards, then adapt_network.py's own phases. */
const PHASES = { shards: [0, 0.05], reading: [0.05, 0.3], training: [0.3, 0.95], writing: [0.95, 1] } as const;

export function createFineTuner(o: FineTunerOptions): FineTuner {
  const python = o.python ?? process.env.TANDEM_PYTHON ?? "/usr/bin/python3";
  const s = { ...FINE_TUNE_DEFAULTS, ...o.settings };
  let availability: Promise<FineTuneAvailability> | undefined;
  let line: Promise<unknown> = Promise.resolve(); // one at a time
  const running = new Set<ChildProcess>();

  function available(): Promise<FineTuneAvailability> {
    availability ??= new Promise((resolve) =>
      execFile(python, ["-c", "import torch, onnx"], { timeout: 120_000 }, (e) =>
        resolve(e ? { ok: false, reason: `${NEEDS_TORCH}: ${python} cannot import torch and onnx.` } : { ok: true }),
      ),
    );
    return availability;
  }

  async function fineTune(id: string, pieces: readonly SourcePiece[], onProgress: (share: number) => Promise<void>): Promise<FineTuned> {
    const ok = await available();
    if (!ok.ok) throw new Error(ok.reason);
    const { manifest, modelPath } = await loadManifest(o.modelDir);
    const dir = await mkdtemp(path.join(os.tmpdir(), "tandem-fine-tune-"));
    try {
      const counts = await writeBandShards({ name: id }, pieces.map(sourceAsEvalPiece), {
        dir,
        seed: id,
        copies: s.copies,
        hold: 2,
        maxSeqLen: manifest.maxSeqLen,
        vocabSize: manifest.vocabSize,
      });
      if (counts.train === 0) throw new Error("these pieces have no region long enough to learn from (a few bars with notes each)");
      await onProgress(PHASES.shards[1]);
      const out = path.join(dir, "network.patch");
      const args = [
        ...[SCRIPT, "--onnx", modelPath, "--manifest", path.join(o.modelDir, "manifest.json"), "--data", dir, "--rehearsal", REHEARSAL_DIR, "--out", out],
        ...["--seconds", String(s.seconds), "--steps", String(s.steps), "--lr", String(s.lr), "--layers", String(s.layers)],
        ...["--eval-every", String(s.evalEvery), "--guard-tolerance", String(s.guardTolerance), "--min-gain", String(s.minGain)],
        ...["--threads", String(s.threads), "--seed", "1"],
      ];
      const done = await runScript(args, onProgress);
      const written = new Uint8Array(await readFile(out));
      const stats = pickStats(done);
      return { patch: stats.bestStep > 0 ? written : null, fingerprint: createHash("sha256").update(written).digest("hex"), stats };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** adapt_network.py at a low priority, its progress lines relayed; resolves with its last line ("done"). */
  function runScript(args: string[], onProgress: (share: number) => Promise<void>): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const child = spawn("nice", ["-n", "10", python, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      running.add(child);
      let last: Record<string, unknown> | null = null;
      let err = "";
      let relayed: Promise<void> = Promise.resolve();
      child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      createInterface({ input: child.stdout! }).on("line", (text) => {
        let m: Record<string, unknown>;
        try {
          m = JSON.parse(text) as Record<string, unknown>;
        } catch {
          return; // a library's own print
        }
        const phase = PHASES[m.phase as keyof typeof PHASES];
        if (phase && typeof m.progress === "number") relayed = relayed.then(() => onProgress(phase[0] + (phase[1] - phase[0]) * Math.min(1, m.progress as number)));
        if (m.done) last = m;
      });
      child.on("error", (e) => reject(new Error(`${NEEDS_TORCH}: cannot start ${python} (${e.message})`)));
      child.on("close", (code, signal) => {
        running.delete(child);
        void relayed.then(() => {
          if (code === 0 && last) return resolve(last);
          if (code === NO_TORCH_EXIT) return reject(new Error(`${NEEDS_TORCH}.`));
          const why = signal ? `it was stopped (${signal})` : (err.trim().split("\n").at(-1) ?? `exit code ${code}`);
          reject(new Error(`the fine-tune failed: ${why}`));
        });
      });
    });
  }

  return {
    available,
    run(id, pieces, onProgress) {
      const mine = line.then(() => fineTune(id, pieces, onProgress));
      line = mine.catch(() => undefined);
      return mine;
    },
    close() {
      for (const child of running) child.kill("SIGKILL");
    },
  };
}

function pickStats(m: Record<string, unknown>): FineTuned["stats"] {
  const n = (k: string) => (typeof m[k] === "number" ? (m[k] as number) : 0);
  return { steps: n("steps"), bestStep: n("bestStep"), validBefore: n("validBefore"), validBest: n("validBest"), seconds: n("seconds"), sequences: n("sequences") };
}
