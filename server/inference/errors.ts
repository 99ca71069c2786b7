/** Typed errors of the inference service; the tRPC router maps `code` to a TRPCError code. */

/** The request itself is wrong (bad region, unknown track, too many notes): a client error. */
export class InferenceInputError extends Error {
  readonly code = "BAD_INPUT" as const;
  constructor(message: string) {
    super(message);
    this.name = "InferenceInputError";
  }
}

/** What a network patch's problem is: its bytes, the model it was learned on, or its absence from the queue's store. */
export type NetworkPatchProblem = "malformed" | "other-base" | "missing";

/**
 * A network patch (adaptation/network-patch.ts) the model cannot take. An input error: the request is refused, and
 * "other-base" tells the app to learn the style again on this model.
 */
export class NetworkPatchError extends InferenceInputError {
  constructor(readonly problem: NetworkPatchProblem, message: string) {
    super(message);
    this.name = "NetworkPatchError";
  }
}

/** The generation ran past its time limit; nothing was returned. */
export class InferenceTimeoutError extends Error {
  readonly code = "TIMEOUT" as const;
  constructor(readonly timeoutMs: number) {
    super(`TIMEOUT: generation did not finish within ${timeoutMs} ms`);
    this.name = "InferenceTimeoutError";
  }
}

/** The caller aborted the generation (its AbortSignal fired); nothing was returned. */
export class InferenceCancelledError extends Error {
  readonly code = "CANCELLED" as const;
  constructor() {
    super("cancelled: the generation was aborted by its caller");
    this.name = "InferenceCancelledError";
  }
}

/** A model folder that does not match what this server expects; the server refuses to start. */
export class ModelManifestError extends Error {
  readonly code = "BAD_MODEL" as const;
  constructor(readonly file: string, what: string) {
    super(`${file}: ${what}`);
    this.name = "ModelManifestError";
  }
}
