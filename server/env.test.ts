import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const secret = { NODE_ENV: "test", SESSION_SECRET: "x".repeat(32) } as const;

describe("loadEnv", () => {
  it("defaults the room unload to 30 s and takes another value", () => {
    expect(loadEnv(secret).COLLAB_IDLE_UNLOAD_MS).toBe(30_000);
    expect(loadEnv({ ...secret, COLLAB_IDLE_UNLOAD_MS: "1000" }).COLLAB_IDLE_UNLOAD_MS).toBe(1000);
  });

  it("refuses a bad value by name", () => {
    expect(() => loadEnv({ ...secret, COLLAB_IDLE_UNLOAD_MS: "50" })).toThrow(/Invalid configuration:\n {2}COLLAB_IDLE_UNLOAD_MS: /);
    expect(() => loadEnv({ ...secret, PORT: "http" })).toThrow(/PORT/);
  });
});
