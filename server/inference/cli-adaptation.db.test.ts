/**
 * `npm run generate -- --adaptation ID`: a style learned in the app, read from the app's database (DATABASE_URL, or the
 * PGlite folder in DATA_DIR), reaches the model (a style memory's artifact, a fine-tune's network) and the written
 * file's provenance names it and whose music it learned from.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type DbHandle } from "../../db";
import { adaptationNetworks, adaptations, adaptationSources, noteLedger, pieces, users } from "../../db/schema";
import { createTestDb } from "../../db/test-db";
import type { Note, PieceMeta, Track } from "../../lib/doc-schema";
import { parseMidiFile, writeMidiFile } from "../../lib/midi";
import { buildStyleMemory } from "../../models/adapt/build-style-memory";
import { TOKENIZER_VERSION } from "../../models/tokenizer";
import { main } from "./cli";
import type { InferenceRequest } from "./types";

// A stand-in model (cli-stand-in.ts): what matters here is what the request carries.
const requests = vi.hoisted((): InferenceRequest[] => []);
vi.mock("./index", async () => (await import("./cli-stand-in")).standInInference(requests));

const meta: PieceMeta = { bpm: 100, beatsPerBar: 4, beatUnit: 4 };
const tracks: (Track & { id: string })[] = [{ id: "m", name: "Lead", role: "melody", instrument: "lead", order: 0 }];
const tune = (): Note[] => Array.from({ length: 16 }, (_, i) => ({ track: "m", pitch: 60 + (i % 5), start: i * 480, duration: 440, velocity: 90 }));
const patch = new Uint8Array([84, 78, 68, 80, 1, 2, 3]);
const fingerprint = createHash("sha256").update(patch).digest("hex");

describe("generate --adaptation ID", () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-cli-adaptation-"));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let handle: (DbHandle & { url?: string }) | null = null;
  const input = join(dir, "in.mid");
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };

  beforeAll(async () => {
    writeFileSync(input, writeMidiFile({ meta, tracks, notes: tune() }));
    // The app's own database: PostgreSQL by URL, or a PGlite folder the command opens once the app has let it go (its
    // thread at this test's priority, as createTestDb's: db/test-db.ts says why).
    handle = process.env.TANDEM_TEST_DB === "postgres" ? await createTestDb() : await createDb(undefined, { dataDir: join(dir, "pglite"), nice: getPriority() });
    if (handle.url) process.env.DATABASE_URL = handle.url;
    else {
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dir;
    }
    const { db } = handle;
    await db.insert(users).values({ id: "u1", name: "Ada", email: "ada@example.com" });
    await db.insert(pieces).values({ id: "p1", title: "Blues in F", ownerId: "u1" });
    await db.insert(noteLedger).values({ pieceId: "p1", noteId: "n1", action: "create", authorKind: "human", actorId: "u1", after: {} });
    const memory = buildStyleMemory([{ id: "p1", notes: tune(), tracks, meta }], { tokenizer: TOKENIZER_VERSION });
    await db.insert(adaptations).values([
      { id: "a-memory", ownerId: "u1", name: "Band", method: "style-memory", version: 1, status: "ready", progress: 100, artifact: memory, fingerprint: memory.fingerprint },
      { id: "a-tuned", ownerId: "u1", name: "Band", method: "fine-tune", version: 2, status: "ready", progress: 100, artifact: { kind: "fine-tune" }, fingerprint },
      { id: "a-building", ownerId: "u1", name: "Band", method: "fine-tune", version: 3 },
    ]);
    await db.insert(adaptationSources).values(["a-memory", "a-tuned", "a-building"].map((adaptationId) => ({ adaptationId, pieceId: "p1", position: 0 })));
    await db.insert(adaptationNetworks).values({ adaptationId: "a-tuned", patch, fingerprint });
    if (!handle.url) {
      await handle.close();
      handle = null;
    }
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    rmSync(dir, { recursive: true, force: true });
  });

  it("a style memory: its artifact reaches the model, and the file names the style and its people", async () => {
    const out = join(dir, "memory.mid");
    expect(await main(["--in", input, "--infill", "3", "--seed", "1", "--adaptation", "a-memory", "--out", out], io)).toBe(0);
    expect(requests.at(-1)?.style?.sources.map((s) => s.pieceId)).toEqual(["p1"]);
    expect(requests.at(-1)?.network).toBeUndefined();
    expect(parseMidiFile(readFileSync(out)).texts.join("\n")).toContain("in our style: Band v1, learned from 1 piece by Ada");
  }, 60_000);

  it("a fine-tune: its network reaches the model", async () => {
    const out = join(dir, "tuned.mid");
    expect(await main(["--in", input, "--infill", "3", "--seed", "1", "--adaptation", "a-tuned", "--out", out], io)).toBe(0);
    expect(requests.at(-1)?.network?.fingerprint).toBe(fingerprint);
    expect([...requests.at(-1)!.network!.patch]).toEqual([...patch]);
    expect(parseMidiFile(readFileSync(out)).texts.join("\n")).toContain("in our style: Band v2");
  }, 60_000);

  it("an unknown or unfinished style is a usage error that says why", async () => {
    const out = join(dir, "x.mid");
    expect(await main(["--in", input, "--infill", "3", "--adaptation", "nope", "--out", out], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/^ERR generate: --adaptation: no style nope/);
    expect(await main(["--in", input, "--infill", "3", "--adaptation", "a-building", "--out", out], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/^ERR generate: --adaptation: The style "Band" is still learning/);
  }, 60_000);
});
