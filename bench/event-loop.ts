/**
 * npm run bench:event-loop: what a running generation costs everyone else on the server. While the model writes an
 * 8-bar, 8-candidate infill of every track (the e2e test's long request), a loopback HTTP client asks the same process
 * for a tiny response every 20 ms, and the event loop's delay is sampled. Measured with the model on the server's own
 * thread (baseline: how the server ran it before thread.ts) and on its inference thread, in the same run.
 *
 *   npx tsx bench/event-loop.ts [--model-dir models/tandem-fim-v2] [--threads 1] [--runs 2]
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadPiece } from "../models/eval/pieces";
import { percentile } from "../models/eval/report";
import { makeTask } from "../models/eval/tasks";
import { createInference } from "../server/inference";
import { warningsToStderr } from "../server/inference/ort-session";
import { createInferenceThread } from "../server/inference/thread";
import type { Inference } from "../server/inference/types";
import { DEFAULT_MODEL_DIR } from "../server/inference/default-model";

const { values: args } = parseArgs({
  options: {
    "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
    threads: { type: "string", default: "1" },
    runs: { type: "string", default: "2" },
  },
});
const cfg = { modelDir: args["model-dir"]!, provider: "cpu" as const, threads: Number(args.threads), log: warningsToStderr };
const piece = loadPiece(path.resolve("lib/midi/fixtures/pop909-001.mid"), "bench");
if (!piece) throw new Error("lib/midi/fixtures/pop909-001.mid: not a piece the model reads");
const task = makeTask(piece, "infill", { startBar: 4, endBar: 12, pitchLo: 0, pitchHi: 127, trackIds: piece.tracks.map((t) => t.id) });
if (!task) throw new Error("bars 4-12 of the fixture are empty");
const req = { mode: "infill" as const, notes: task.context, tracks: piece.tracks, meta: piece.meta, region: task.region, candidates: 8, temperature: 1, topP: 0.95, timeoutMs: 120_000 };

const server = createServer((_, res) => res.end("ok"));
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const port = (server.address() as AddressInfo).port;
const roundTrip = () =>
  new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    request({ port, host: "127.0.0.1", path: "/", agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(performance.now() - t0));
    })
      .on("error", reject)
      .end();
  });

async function measure(inference: Inference) {
  const trips: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let ms = 0;
  for (let run = 0; run < Number(args.runs); run++) {
    let running = true;
    const client = (async () => {
      while (running) {
        trips.push(await roundTrip());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    loop.enable();
    const t0 = performance.now();
    await inference.generate({ ...req, seed: 100 + run });
    ms += performance.now() - t0;
    loop.disable();
    running = false;
    await client;
  }
  const q = (p: number) => percentile(trips, p);
  return { generationMs: ms / Number(args.runs), tripP50: q(50), tripP99: q(99), tripMax: Math.max(...trips), loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 };
}

async function timed(open: () => Promise<Inference>) {
  const inference = await open();
  try {
    await inference.generate({ ...req, candidates: 1, region: { ...req.region, endBar: 5 }, seed: 1 }); // warm up
    return await measure(inference);
  } finally {
    await inference.close();
  }
}

const onThread = await timed(() => createInference(cfg));
const offThread = await timed(() => createInferenceThread(cfg));
server.close();

const f = (x: number) => x.toFixed(1).padStart(8);
console.log(`While one 8-bar, 8-candidate infill of every track runs (${args.runs} runs, ${args.threads} onnxruntime thread(s)), in ms:`);
console.log(`${"".padEnd(38)}${"trip p50".padStart(8)}${"p99".padStart(8)}${"max".padStart(8)}${"loop p99".padStart(10)}${"max".padStart(8)}${"generation".padStart(12)}`);
for (const [name, r] of [["baseline: model on the server thread", onThread], ["inference thread (the server's)", offThread]] as const)
  console.log(`${name.padEnd(38)}${f(r.tripP50)}${f(r.tripP99)}${f(r.tripMax)}${f(r.loopP99).padStart(10)}${f(r.loopMax)}${f(r.generationMs).padStart(12)}`);
console.log(`ratio, baseline / thread: round trip p99 ${(onThread.tripP99 / offThread.tripP99).toFixed(1)}x, event-loop delay p99 ${(onThread.loopP99 / offThread.loopP99).toFixed(1)}x; generation time ${(offThread.generationMs / onThread.generationMs).toFixed(2)}x the baseline's`);
