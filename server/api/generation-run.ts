/** Running the model for one request: a hard time limit, error codes for the router, and live partial views. */
import { noteSchema, type Note } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import type { Inference, InferenceRequest, InferenceResult } from "../inference/types";

const STREAM_INTERVAL_MS = 150;

class GenerationTimeout extends Error {
  name = "GenerationTimeout";
}

/** Aborts the model after timeoutMs, and stops waiting for it even if it ignores the signal. */
export async function generateWithTimeout(inference: Inference, req: InferenceRequest, timeoutMs: number): Promise<InferenceResult> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new GenerationTimeout(`The model did not finish within ${formatSeconds(timeoutMs)}`));
      abort.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([inference.generate({ ...req, timeoutMs, signal: abort.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every candidate came back without a note: a failure that says so, never a "ready" with nothing to hear. */
export class NoNotesError extends Error {
  name = "NoNotesError";
  readonly code = "NO_NOTES";
}

/**
 * The candidates a generation shows: valid notes on the region's tracks, and only candidates that have some (an
 * empty one is no result, and would count as a rejection in the report's acceptance rate). Throws NoNotesError
 * when none is left.
 */
export function shownCandidates(candidates: readonly Note[][], region: Region): Note[][] {
  const shown = candidates
    .map((c) => c.filter((n) => noteSchema.safeParse(n).success && region.trackIds.includes(n.track)))
    .filter((c) => c.length > 0);
  if (shown.length === 0) {
    const bars = region.endBar - region.startBar > 1 ? `bars ${region.startBar + 1}-${region.endBar}` : `bar ${region.endBar}`;
    throw new NoNotesError(
      `The model wrote no notes in ${bars}. Try a region with music around it, a higher temperature or a lower repetition`,
    );
  }
  return shown;
}

/** Maps the inference service's typed errors (server/inference/errors.ts, by their `code`) to tRPC codes. */
export function describeFailure(
  err: unknown,
  timeoutMs: number,
): { code: "TIMEOUT" | "BAD_REQUEST" | "UNPROCESSABLE_CONTENT" | "INTERNAL_SERVER_ERROR"; message: string } {
  const code = typeof err === "object" && err !== null && "code" in err ? (err as { code: unknown }).code : undefined;
  // CANCELLED is our own abort, which only fires on timeout.
  if (err instanceof GenerationTimeout || code === "TIMEOUT" || code === "CANCELLED") {
    return { code: "TIMEOUT", message: `The model did not finish within ${formatSeconds(timeoutMs)}; try fewer bars or candidates` };
  }
  if (err instanceof NoNotesError) return { code: "UNPROCESSABLE_CONTENT", message: err.message };
  if (code === "BAD_INPUT") return { code: "BAD_REQUEST", message: `The model cannot take this request: ${errorMessage(err)}` };
  return { code: "INTERNAL_SERVER_ERROR", message: `The model failed: ${errorMessage(err)}` };
}

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Where a running generation's notes go as they stream (server/collab/candidate-parts.ts, through the Collab service). */
export interface CandidateSink {
  /** Each candidate's notes since the last send (by index), as send `seq`. */
  append(parts: Note[][], seq: number): Promise<void>;
  /** The generation started over: what was shown so far goes. */
  clear(): Promise<void>;
}

/**
 * Collects notes as the model decodes them and sends each candidate's new ones at most every STREAM_INTERVAL_MS,
 * so everyone sees the candidates grow. Only what is new goes: a send costs the notes written since the last one, not
 * the whole candidate again (which made the bytes every page took in grow with the square of the notes). The sends
 * run one after another, in order; stop() waits for the last, so the final view always lands after every part.
 */
export function streamCandidates(count: number, sink: CandidateSink) {
  const partial: Note[][] = Array.from({ length: count }, () => []);
  const sent = partial.map(() => 0);
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const queue = (send: () => Promise<void>) => {
    chain = chain.then(() => (stopped ? undefined : send())).catch(() => undefined);
  };
  const flush = () => {
    timer = undefined;
    const parts = partial.map((c, i) => c.slice(sent[i]));
    partial.forEach((c, i) => (sent[i] = c.length));
    if (parts.every((p) => p.length === 0)) return;
    const n = seq++;
    queue(() => sink.append(parts, n));
  };
  return {
    onNote(candidate: number, note: Note) {
      if (stopped || !partial[candidate]) return;
      partial[candidate].push(note);
      timer ??= setTimeout(flush, STREAM_INTERVAL_MS);
    },
    /** The generation started over elsewhere (its worker died): what was shown so far goes. */
    restart() {
      if (stopped) return;
      for (const c of partial) c.length = 0;
      sent.fill(0);
      queue(() => sink.clear());
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
  };
}
