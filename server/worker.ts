/**
 * `npm run worker`: an inference worker. Takes generation jobs from the queue on REDIS_URL and runs them with
 * the model in MODEL_DIR on INFERENCE_PROVIDER, INFERENCE_CONCURRENCY at a time; a GPU box runs workers only.
 * SIGTERM/SIGINT let the running jobs finish, then it leaves.
 */
import os from "node:os";
import { stopWithParent } from "./cluster/parent-watch";
import { loadEnv } from "./env";
import { startInferenceWorker } from "./inference/queue/worker";
import { createLog } from "./log";

const log = createLog("worker");
const env = loadEnv();
if (!env.REDIS_URL) {
  log.error("REDIS_URL is not set: an inference worker takes its jobs from a queue on Redis (e.g. REDIS_URL=redis://127.0.0.1:6379)");
  process.exit(2);
}
const worker = await startInferenceWorker({
  redisUrl: env.REDIS_URL,
  modelDir: env.MODEL_DIR,
  provider: env.INFERENCE_PROVIDER,
  concurrency: env.INFERENCE_CONCURRENCY,
  name: env.WORKER_NAME ?? `${os.hostname()}:${process.pid}`,
  log,
});
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing the jobs running, then stopping`);
    const force = setTimeout(() => process.exit(1), 60_000).unref();
    await worker.close();
    clearTimeout(force);
    process.exit(0);
  });
stopWithParent();
