/**
 * The inference service's contract: what a generation asks of a model and what comes back. createInference
 * (index.ts) implements it; the generation router, the CLI and models/eval call it.
 */
import type { GenerationSettings } from "../../lib/generation";
import type { Note, NoteWithId, PieceMeta, Track } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import type { StyleMemoryArtifact } from "./adaptation/style-memory";

export interface InferenceRequest extends GenerationSettings {
  mode: "infill" | "continue";
  notes: NoteWithId[];
  tracks: (Track & { id: string })[];
  meta: PieceMeta;
  region: Region;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called for each note as soon as it is decoded (for the UI to show it early). */
  onNote?: (candidate: number, note: Note) => void;
  /**
   * false: the controls reach the model as tokens only, and the decoder holds none of them (no density floor or
   * ceiling, register pull or drum style bias). For measuring what a model learned (models/eval/control-probe.ts
   * --tokens-only); the app always steers.
   */
  steer?: boolean;
  /** A style memory to mix into the model's distribution (server/inference/adaptation/); none by default. */
  style?: StyleMemoryArtifact;
  /** A fine-tune of the model's weights (adaptation/network-patch.ts) to run the generation with; none by default. */
  network?: InferenceNetwork;
  /** Called when the generation starts over (its worker died and another runs it): the notes heard so far are void. */
  onRestart?: () => void;
  /** The generation this runs for: a queue names its job so, and another process can cancel it (QueuedInference). */
  generationId?: string;
}

/** A network patch and its sha256, which sessions (and the queue's store) are cached by. */
export interface InferenceNetwork {
  fingerprint: string;
  patch: Uint8Array;
}

export interface InferenceResult {
  candidates: Note[][];
  /** Per candidate: the model's own surprise at what it wrote, in bits a token (lower = more typical of the model). */
  bitsPerToken: number[];
  model: { name: string; version: string };
  latencyMs: number;
  tokens: number;
  /** Which inference worker ran it, when a queue's worker did (server/inference/queue/). */
  worker?: string;
}

export interface Inference {
  models(): { name: string; version: string; provider: string; sha256: string }[];
  generate(req: InferenceRequest): Promise<InferenceResult>;
  close(): Promise<void>;
}
