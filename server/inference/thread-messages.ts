/** What the server and its inference thread (thread.ts, thread-worker-impl.ts) say to each other, and how errors cross. */
import type { Note } from "../../lib/doc-schema";
import { InferenceCancelledError, InferenceInputError, InferenceTimeoutError, ModelManifestError, NetworkPatchError, type NetworkPatchProblem } from "./errors";
import type { ProviderChoice } from "./ort-session";
import type { Inference, InferenceRequest, InferenceResult } from "./types";

/** workerData: what the thread opens. */
export interface ThreadConfig {
  modelDir: string;
  provider?: ProviderChoice;
  threads?: number;
}

/**
 * A request as it crosses: without the signal and the callbacks, which stay on the server's side. A network's patch
 * is copied across (structured clone), not transferred: the caller may hold it for the next request.
 */
export type ThreadRequest = Omit<InferenceRequest, "signal" | "onNote" | "onRestart"> & { streamNotes: boolean };

export type ToThread = { type: "generate"; id: number; req: ThreadRequest } | { type: "cancel"; id: number } | { type: "close" };

export interface WireError {
  name: string;
  message: string;
  timeoutMs?: number;
  file?: string;
  problem?: NetworkPatchProblem;
}

export type FromThread =
  | { type: "ready"; models: ReturnType<Inference["models"]> }
  | { type: "failed"; error: WireError }
  | { type: "log"; level: "info" | "warn"; msg: string }
  | { type: "note"; id: number; candidate: number; note: Note }
  | { type: "done"; id: number; result: InferenceResult }
  | { type: "error"; id: number; error: WireError };

export function toWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const wire: WireError = { name: e.name, message: e.message };
  if (e instanceof InferenceTimeoutError) wire.timeoutMs = e.timeoutMs;
  if (e instanceof ModelManifestError) wire.file = e.file;
  if (e instanceof NetworkPatchError) wire.problem = e.problem;
  return wire;
}

/** The same class on this side, so that callers' `instanceof` and the router's code mapping hold. */
export function fromWire(w: WireError): Error {
  switch (w.name) {
    case "InferenceInputError":
      return new InferenceInputError(w.message);
    case "NetworkPatchError":
      return new NetworkPatchError(w.problem ?? "malformed", w.message);
    case "InferenceTimeoutError":
      return new InferenceTimeoutError(w.timeoutMs ?? 0);
    case "InferenceCancelledError":
      return new InferenceCancelledError();
    case "ModelManifestError": {
      const e = new ModelManifestError(w.file ?? "", "");
      e.message = w.message;
      return e;
    }
    default: {
      const e = new Error(w.message);
      e.name = w.name;
      return e;
    }
  }
}
