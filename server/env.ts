/** The server's configuration, validated once at start-up. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_MODEL_DIR } from "./inference/default-model";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  MODEL_DIR: z.string().default(`./${DEFAULT_MODEL_DIR}`),
  INFERENCE_PROVIDER: z.enum(["auto", "cpu", "cuda", "webgpu"]).default("auto"),
  /** Set: generations go to inference workers through a queue on this Redis (server/inference/queue/). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** An inference worker's (npm run worker): jobs it runs at once, and the name the panel shows. */
  INFERENCE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  WORKER_NAME: z.string().min(1).max(80).optional(),
  PUBLIC_URL: z.url().optional(),
  /** How long a "learn our style" fine-tune trains (server/adaptation/fine-tune.ts); reading and writing come on top. */
  FINE_TUNE_SECONDS: z.coerce.number().min(1).max(1800).default(60),
  PERSIST_DEBOUNCE_MS: z.coerce.number().int().min(0).max(5000).default(250),
  COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(100).max(86_400_000).default(30_000),
});

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string; PUBLIC_URL: string };

/** Parses the environment; a missing session secret is generated once and kept in DATA_DIR. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const env = parsed.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? keptSecret(env.DATA_DIR),
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
}

function keptSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
