/**
 * The sessions that run network patches (network-patch.ts): one per patch, opened on the shipped .onnx's bytes with
 * the patch applied, and kept for the next generation of the same style, the last few used (the shipped model's own
 * session is apart and always open). A session pushed out is closed once no generation runs on it any more: never
 * in the middle of one.
 */
import { NetworkPatchError } from "../errors";
import type { InferenceLog, ModelRunner } from "../ort-session";
import type { InferenceNetwork } from "../types";
import { applyNetworkPatch, networkFingerprint, readNetworkPatch } from "./network-patch";

/** Patched sessions kept open besides the shipped one: each holds a copy of the weights and its own arena. */
export const NETWORK_SESSIONS_KEPT = 2;

export interface NetworkSessionsConfig {
  /** The shipped model's sha256 (manifest.sha256): a patch must have been learned on it. */
  base: string;
  /** The shipped .onnx's bytes; read on the first patch, once. */
  readBase(): Promise<Uint8Array>;
  open(bytes: Uint8Array): Promise<ModelRunner>;
  log: InferenceLog;
  kept?: number;
}

export interface NetworkSessions {
  /** Runs `fn` on the session of this network, opened on its first use; the session stays open until `fn` settles. */
  run<T>(network: InferenceNetwork, fn: (runner: ModelRunner) => Promise<T>): Promise<T>;
  /** The fingerprints of the sessions kept, least recently used first. */
  kept(): string[];
  close(): Promise<void>;
}

interface Entry {
  runner: Promise<ModelRunner>;
  /** Generations running on it (or waiting for it to open). */
  users: number;
  evicted: boolean;
}

export function createNetworkSessions(cfg: NetworkSessionsConfig): NetworkSessions {
  const limit = cfg.kept ?? NETWORK_SESSIONS_KEPT;
  const entries = new Map<string, Entry>(); // in order of use: the first is the least recently used
  let base: Promise<Uint8Array> | undefined;
  let closed = false;

  const closeRunner = (e: Entry) =>
    e.runner.then(
      (r) => r.close().catch((err: Error) => cfg.log.warn(`inference: closing a network's session failed (${err.message})`)),
      () => undefined, // it never opened
    );
  const release = (e: Entry) => {
    if (e.evicted && e.users === 0) void closeRunner(e);
  };

  async function openPatched({ fingerprint, patch }: InferenceNetwork): Promise<ModelRunner> {
    // The fingerprint keys this cache (and the queue's store): a patch under another's name would run for it.
    if (networkFingerprint(patch) !== fingerprint) throw new NetworkPatchError("malformed", `the network patch's fingerprint ${fingerprint.slice(0, 12)} is not the sha256 of its bytes`);
    const parsed = readNetworkPatch(patch);
    base ??= cfg.readBase().catch((e: unknown) => {
      base = undefined; // the next patch tries again
      throw e;
    });
    const bytes = applyNetworkPatch(await base, parsed, cfg.base);
    const runner = await cfg.open(bytes);
    cfg.log.info(`inference: network ${fingerprint.slice(0, 12)} opened (${parsed.header.tensors.length} tensors patched)`);
    return runner;
  }

  function entryOf(network: InferenceNetwork): Entry {
    const { fingerprint } = network;
    const known = entries.get(fingerprint);
    if (known) {
      entries.delete(fingerprint); // to the end: the most recently used
      entries.set(fingerprint, known);
      return known;
    }
    const e: Entry = { runner: openPatched(network), users: 0, evicted: false };
    entries.set(fingerprint, e);
    e.runner.catch(() => {
      if (entries.get(fingerprint) === e) entries.delete(fingerprint); // a patch that did not open is not kept
    });
    return e;
  }

  /** Beyond the limit, the least recently used go; each closes when its last generation ends. */
  function trim() {
    for (const [fingerprint, e] of entries) {
      if (entries.size <= limit) return;
      entries.delete(fingerprint);
      e.evicted = true;
      release(e);
    }
  }

  return {
    async run(network, fn) {
      if (closed) throw new Error("inference: the service is closed");
      const e = entryOf(network);
      e.users++;
      try {
        const runner = await e.runner;
        trim(); // once it opened: a patch that fails pushes out no session that works
        return await fn(runner);
      } finally {
        e.users--;
        release(e);
      }
    },
    kept: () => [...entries.keys()],
    async close() {
      closed = true;
      const all = [...entries.values()];
      entries.clear();
      // As the shipped session on close: each finishes the step it runs, and generations still going fail on their next.
      await Promise.all(all.map(closeRunner));
    },
  };
}
