/** The collaboration sections' command-line options, shared by bench/scale.ts and bench/scale-collab.ts. */
import type { ScaleCollabOptions } from "./sections";

export const collabArgs = {
  people: { type: "string", default: "150" },
  apps: { type: "string", default: "3" },
  pieces: { type: "string", default: "10" },
  rate: { type: "string", default: "5" },
  seconds: { type: "string", default: "20" },
  // Freshly started app processes are slow for their first seconds (their code is still being compiled), the cluster's
  // more so: 2 s left the measured window in that (bench/README.md, "Measured 2026-12-07, 10:05-11:10 UTC").
  warmup: { type: "string", default: "10" },
  rounds: { type: "string", default: "1" },
  observers: { type: "string", default: "" }, // empty: pieces x apps
} as const;

type CollabArgValues = { [K in keyof typeof collabArgs]?: string };

/** Whole numbers where the bench needs them; a bad value is named with its flag. */
export function scaleCollabOptions(values: CollabArgValues): ScaleCollabOptions {
  const read = (flag: keyof typeof collabArgs, min: number, whole = true) => {
    const raw = values[flag] ?? collabArgs[flag].default;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || (whole && !Number.isInteger(n))) throw new Error(`--${flag} must be ${whole ? "a whole number" : "a number"} ≥ ${min} (got ${raw})`);
    return n;
  };
  const o: ScaleCollabOptions = {
    redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    people: read("people", 2),
    apps: read("apps", 2),
    pieces: read("pieces", 1),
    rate: read("rate", 0.1, false),
    seconds: read("seconds", 1, false),
    warmupSeconds: read("warmup", 0, false),
    rounds: read("rounds", 1),
    observers: 0,
    log: (m) => console.error(`[bench] ${m}`),
  };
  if (o.people < o.pieces) throw new Error(`--people (${o.people}) must be at least --pieces (${o.pieces}): each piece has an owner`);
  // One client of each piece on each process applies every edit (and times it): person i edits piece i mod pieces on
  // process i mod apps, so the first pieces x apps people cover every pair (when the two counts share no factor, as by
  // default; when they do, no piece spans processes anyway).
  o.observers = values.observers ? (values.observers === "all" ? o.people : read("observers", 1)) : Math.min(o.people, o.pieces * o.apps);
  return o;
}
