/**
 * The inference thread: opens the model once and runs generations, so that onnxruntime's steps (synchronous in
 * onnxruntime-node) and the sampling between them never hold the server's event loop. Started by thread.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Note } from "../../lib/doc-schema";
import { createInference } from "./index";
import { toWire, type FromThread, type ThreadConfig, type ToThread } from "./thread-messages";

if (!parentPort) throw new Error("thread-worker-impl.ts runs in a worker thread (thread.ts starts it)");
const port = parentPort;
const post = (m: FromThread) => port.postMessage(m);
const cfg = workerData as ThreadConfig;

const running = new Map<number, AbortController>();
try {
  const inference = await createInference({
    ...cfg,
    log: { info: (msg) => post({ type: "log", level: "info", msg }), warn: (msg) => post({ type: "log", level: "warn", msg }) },
  });
  const close = async () => {
    for (const c of running.values()) c.abort();
    await inference.close();
    port.close();
  };
  const run = async (m: Extract<ToThread, { type: "generate" }>) => {
    const control = new AbortController();
    running.set(m.id, control);
    const { streamNotes, ...req } = m.req;
    try {
      const onNote = streamNotes ? (candidate: number, note: Note) => post({ type: "note", id: m.id, candidate, note }) : undefined;
      const result = await inference.generate({ ...req, signal: control.signal, onNote });
      post({ type: "done", id: m.id, result });
    } catch (e) {
      post({ type: "error", id: m.id, error: toWire(e) });
    } finally {
      running.delete(m.id);
    }
  };
  port.on("message", (m: ToThread) => {
    if (m.type === "cancel") return void running.get(m.id)?.abort();
    if (m.type === "close") return void close();
    if (m.type === "generate") return void run(m);
    // A message the thread does not know is the server's bug: the thread stops as after any crash (between two of
    // the model's steps, never inside one: onnxruntime aborts the whole process when a thread ends mid-step), its
    // work fails plainly and the next request starts a new thread.
    throw new Error(`inference thread: unknown message ${JSON.stringify((m as { type?: unknown }).type)}`);
  });
  post({ type: "ready", models: inference.models() });
} catch (e) {
  post({ type: "failed", error: toWire(e) });
}
