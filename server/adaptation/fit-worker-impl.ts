/** Runs one style fit (fit.ts's job) on this thread, reporting its progress, and ends. */
import { parentPort, workerData } from "node:worker_threads";
import { fitWithModel, type FitJob, type FitMessage } from "./fit";

const job = workerData as FitJob;
const send = (m: FitMessage) => parentPort!.postMessage(m);
const log = { info: () => {}, warn: () => {} }; // a failure is reported as the fit's error, once

try {
  const weights = await fitWithModel({ modelDir: job.modelDir, log }, job.artifact, job.pieces, async (share) => send({ type: "progress", share }));
  send({ type: "done", weights });
} catch (e) {
  send({ type: "error", message: e instanceof Error ? e.message : String(e) });
}
