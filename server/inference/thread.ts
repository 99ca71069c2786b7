/**
 * The server's inference: the model in a worker thread of its own. onnxruntime-node runs each step synchronously on
 * the thread that calls it, so on the server's own thread every step (50-150 ms for 8 candidates on one core) held
 * back sockets, page loads and edits of everyone else (npm run bench:event-loop). Same contract as createInference;
 * errors arrive as the same classes. A thread that dies fails what it was running with a clear message, and the next
 * request starts a new one.
 */
import { Worker } from "node:worker_threads";
import { InferenceCancelledError } from "./errors";
import type { InferenceConfig } from "./index";
import { fromWire, type FromThread, type ThreadConfig, type ToThread } from "./thread-messages";
import type { Inference, InferenceRequest, InferenceResult } from "./types";

const workerUrl = new URL("./thread-worker.mjs", import.meta.url);
const STOPPED = "The model's worker thread stopped while it was writing; try again";

interface Job {
  resolve(r: InferenceResult): void;
  reject(e: Error): void;
  onNote?: InferenceRequest["onNote"];
}

interface Thread {
  worker: Worker;
  ready: Promise<ReturnType<Inference["models"]>>;
}

export interface InferenceThread extends Inference {
  /** The thread now running the model, if one is: stopping it is how tests check that work fails plainly and a new one starts. */
  worker(): Worker | null;
}

export async function createInferenceThread(cfg: InferenceConfig): Promise<InferenceThread> {
  const jobs = new Map<number, Job>();
  let nextId = 1;
  let closed = false;
  let thread: Thread | null = null;

  function start(): Thread {
    const worker = new Worker(workerUrl, { workerData: { modelDir: cfg.modelDir, provider: cfg.provider, threads: cfg.threads } satisfies ThreadConfig });
    let crash: Error | undefined;
    const ready = new Promise<ReturnType<Inference["models"]>>((resolve, reject) => {
      worker.on("message", (m: FromThread) => {
        if (m.type === "ready") return resolve(m.models);
        if (m.type === "failed") return reject(fromWire(m.error));
        if (m.type === "log") return cfg.log[m.level](m.msg);
        const job = jobs.get(m.id);
        if (!job) return; // cancelled on this side already
        if (m.type === "note") return job.onNote?.(m.candidate, m.note);
        jobs.delete(m.id);
        if (m.type === "done") job.resolve(m.result);
        else job.reject(fromWire(m.error));
      });
      worker.on("error", (e) => (crash = e));
      worker.on("exit", (code) => {
        if (thread?.worker === worker) thread = null;
        const why = crash ? `: ${crash.message}` : ` (exit code ${code})`;
        reject(crash ?? new Error(`the inference thread stopped before the model opened${why}`));
        if (closed) return;
        if (jobs.size > 0) cfg.log.warn(`inference: the model's worker thread stopped${why}; ${jobs.size} generation(s) failed`);
        for (const job of jobs.values()) job.reject(new Error(STOPPED, { cause: crash }));
        jobs.clear();
      });
    });
    ready.catch(() => {});
    return { worker, ready };
  }

  const send = (m: ToThread) => thread?.worker.postMessage(m);
  thread = start();
  const models = await thread.ready.catch(async (e) => {
    await thread?.worker.terminate();
    throw e;
  });

  return {
    models: () => models,
    worker: () => thread?.worker ?? null,
    // A thread's generation never starts over (one that dies fails): onRestart stays here, unused.
    async generate({ signal, onNote, onRestart: _, ...req }) {
      if (closed) throw new Error("inference: the service is closed");
      if (signal?.aborted) throw new InferenceCancelledError();
      thread ??= start();
      await thread.ready;
      const id = nextId++;
      return new Promise<InferenceResult>((resolve, reject) => {
        const onAbort = () => {
          if (!jobs.delete(id)) return;
          send({ type: "cancel", id });
          reject(new InferenceCancelledError());
        };
        const settle = <T>(f: (v: T) => void) => (v: T) => {
          signal?.removeEventListener("abort", onAbort);
          f(v);
        };
        jobs.set(id, { resolve: settle(resolve), reject: settle(reject), onNote });
        signal?.addEventListener("abort", onAbort, { once: true });
        send({ type: "generate", id, req: { ...req, streamNotes: onNote !== undefined } });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const t = thread;
      thread = null;
      for (const job of jobs.values()) job.reject(new Error("inference: the service is closed"));
      jobs.clear();
      if (!t) return;
      const exited = new Promise((r) => t.worker.once("exit", r));
      t.worker.postMessage({ type: "close" } satisfies ToThread);
      const limit = setTimeout(() => void t.worker.terminate(), 5_000);
      await exited;
      clearTimeout(limit);
    },
  };
}
