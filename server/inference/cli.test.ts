import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Note, PieceMeta, Track } from "../../lib/doc-schema";
import { parseMidiFile, writeMidiFile } from "../../lib/midi";
import { ticksPerBar } from "../../lib/time";
import type { InferenceRequest } from "./types";
import { applyCandidate, main, outputPaths, parseCliArgs, parsePitchRange, planRegion, UsageError, type CliOptions } from "./cli";
import { DEFAULT_MODEL_DIR } from "./default-model";

const MODEL_DIR = DEFAULT_MODEL_DIR;

// In-process runs of main() get a stand-in service (cli-stand-in.ts); the model itself is exercised by the
// end-to-end runs at the bottom, which start their own process.
const requests = vi.hoisted((): InferenceRequest[] => []);
vi.mock("./index", async () => (await import("./cli-stand-in")).standInInference(requests));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "tandem-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta: PieceMeta = { bpm: 100, beatsPerBar: 4, beatUnit: 4 };
const BAR = ticksPerBar(meta);
const tracks: (Track & { id: string })[] = [
  { id: "m", name: "Lead", role: "melody", instrument: "lead", order: 0 },
  { id: "c", name: "Keys", role: "chords", instrument: "piano", order: 1 },
  { id: "b", name: "Low end", role: "bass", instrument: "bass", order: 2 },
];

/** Eight bars: a scale-wise melody, a chord a bar and a root on beat one. */
function song(): Note[] {
  const notes: Note[] = [];
  const roots = [48, 53, 55, 48, 45, 50, 55, 48];
  roots.forEach((root, bar) => {
    for (let beat = 0; beat < 4; beat++) notes.push({ track: "m", pitch: 72 + ((bar + beat) % 5), start: bar * BAR + beat * 480, duration: 440, velocity: 90 });
    for (const step of [0, 4, 7]) notes.push({ track: "c", pitch: root + 12 + step, start: bar * BAR, duration: BAR - 40, velocity: 70 });
    notes.push({ track: "b", pitch: root - 12, start: bar * BAR, duration: 960, velocity: 80 });
  });
  return notes;
}

const parse = (line: string) => parseCliArgs(line.split(" "));
const usageError = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected a UsageError");
};

describe("parseCliArgs", () => {
  it("reads an infill with every option", () => {
    const line =
      "--in a.mid --infill 5-8 --tracks melody,Low_end --pitch C4-C6 --candidates 3 --seed 1 --temperature 0.8 --top-p 0.9 --repetition 0 --guidance 2.5 --model-dir m --style-from band --out o.mid --energy loud --style funk --key Am --mood calm";
    const opts = parseCliArgs(line.split(" ").map((arg) => arg.replace("_", " ")));
    expect(opts).toEqual({
      mode: "infill",
      first: 5,
      last: 8,
      input: "a.mid",
      output: "o.mid",
      tracks: ["melody", "Low end"],
      pitchLo: 60,
      pitchHi: 84,
      candidates: 3,
      seed: 1,
      temperature: 0.8,
      topP: 0.9,
      repetition: 0,
      guidance: 2.5,
      modelDir: "m",
      styleFrom: "band",
      fineTune: false,
      adaptation: null,
      controls: { energy: 3, style: "funk", key: { tonic: 9, mode: "minor" } },
      mood: "calm",
    });
  });

  it("says what a steering flag takes", () => {
    expect(usageError(() => parse("--in a.mid --continue 4 --out o.mid --density lots"))).toMatch(/--density: expected one of silent/);
    expect(usageError(() => parse("--in a.mid --continue 4 --out o.mid --mood sleepy"))).toMatch(/--mood/);
  });

  it("reads a continuation with defaults", () => {
    expect(parse("--in a.mid --continue 4 --out o.mid")).toMatchObject({
      mode: "continue",
      count: 4,
      tracks: null,
      pitchLo: 0,
      pitchHi: 127,
      candidates: 1,
      seed: null,
      temperature: 1,
      topP: 0.95,
      repetition: 3,
      guidance: 1,
      modelDir: MODEL_DIR,
      styleFrom: null,
    });
    expect(parse("--help")).toBe("help");
  });

  it("names the flag in each error", () => {
    expect(usageError(() => parse("--in a.mid --infill 8-5 --out o.mid"))).toMatch(/^--infill: .*'8-5'/);
    expect(usageError(() => parse("--in a.mid --infill 0-2 --out o.mid"))).toMatch(/^--infill/);
    expect(usageError(() => parse("--in a.mid --infill x --out o.mid"))).toMatch(/^--infill/);
    expect(usageError(() => parse("--in a.mid --continue 0 --out o.mid"))).toMatch(/^--continue/);
    expect(usageError(() => parse("--in a.mid --infill 1-2 --continue 2 --out o.mid"))).toMatch(/one of --infill/);
    expect(usageError(() => parse("--in a.mid --continue 2"))).toMatch(/^--out/);
    expect(usageError(() => parse("--in a.mid --continue 2 --repetition 5 --out o.mid"))).toMatch(/^--repetition/);
    expect(usageError(() => parse("--in a.mid --continue 2 --guidance 0.5 --out o.mid"))).toMatch(/^--guidance: expected a number from 1 to 8/);
    expect(usageError(() => parse("--continue 2 --out o.mid"))).toMatch(/^--in/);
    expect(usageError(() => parse("--in a.mid --continue 2 --out o.mid --candidates 9"))).toMatch(/^--candidates/);
    expect(usageError(() => parse("--in a.mid --continue 2 --out o.mid --top-p 0"))).toMatch(/^--top-p/);
    expect(usageError(() => parse("--in a.mid --continue 2 --out o.mid --tracks melody,,bass"))).toMatch(/^--tracks/);
    expect(usageError(() => parse("--in a.mid --continue 2 --out o.mid --bogus 1"))).toMatch(/bogus/);
    expect(usageError(() => parse("--in a.mid --continue 2 --out o.mid --fine-tune"))).toMatch(/^--fine-tune: give --style-from DIR/);
    expect(usageError(() => parse("--in a.mid --continue 2 --out o.mid --style-from band --adaptation a1"))).toMatch(/one of --style-from DIR or --adaptation ID/);
  });
});

describe("pitch ranges", () => {
  it("reads names with C4 = 60, sharps, flats, negative octaves and MIDI numbers", () => {
    expect(parsePitchRange("C4-C6")).toEqual({ pitchLo: 60, pitchHi: 84 });
    expect(parsePitchRange("F#3-Bb5")).toEqual({ pitchLo: 54, pitchHi: 82 });
    expect(parsePitchRange("C-1-G9")).toEqual({ pitchLo: 0, pitchHi: 127 });
    expect(parsePitchRange("40-60")).toEqual({ pitchLo: 40, pitchHi: 60 });
    expect(parsePitchRange("A4")).toEqual({ pitchLo: 69, pitchHi: 69 });
    for (const bad of ["C6-C4", "H4-C5", "C4-G#9", "C4..C6", ""]) expect(usageError(() => parsePitchRange(bad))).toMatch(/^--pitch/);
  });
});

describe("regions", () => {
  const piece = { meta, tracks, notes: song().map((n, i) => ({ ...n, id: `n${i}` })), texts: [] };
  const opts = (line: string) => parse(`--in song.mid --out o.mid ${line}`) as CliOptions;

  it("turns 1-based inclusive bars into the service's region and resolves names and roles", () => {
    expect(planRegion(opts("--infill 5-8 --tracks melody,keys --pitch C3-C6"), piece, "song.mid")).toEqual({
      startBar: 4,
      endBar: 8,
      pitchLo: 48,
      pitchHi: 84,
      trackIds: ["m", "c"],
    });
    expect(planRegion(opts("--continue 4"), piece, "song.mid")).toMatchObject({ startBar: 8, endBar: 12, trackIds: ["m", "c", "b"] });
  });

  it("refuses a region outside the piece and an unknown track, naming the file", () => {
    expect(usageError(() => planRegion(opts("--infill 7-9"), piece, "song.mid"))).toMatch(/^--infill: bars 7-9 are outside song\.mid, which has 8 bars/);
    expect(usageError(() => planRegion(opts("--infill 2 --tracks drums"), piece, "song.mid"))).toMatch(/^--tracks: song\.mid has no track .*'drums'.*Lead \(melody\)/);
  });

  it("replaces the region's notes with a candidate's and keeps the rest", () => {
    const region = planRegion(opts("--infill 2-3 --tracks melody"), piece, "song.mid");
    const fresh: Note = { track: "m", pitch: 80, start: BAR + 240, duration: 240, velocity: 90 };
    const out = applyCandidate(piece, region, [fresh]);
    expect(out).toHaveLength(piece.notes.length - 8 + 1);
    expect(out.filter((n) => n.track === "m" && n.start >= BAR && n.start < 3 * BAR)).toMatchObject([fresh]);
  });

  it("names one file per candidate", () => {
    expect(outputPaths("out/x.mid", 1)).toEqual(["out/x.mid"]);
    expect(outputPaths("out/x.mid", 3)).toEqual(["out/x-1.mid", "out/x-2.mid", "out/x-3.mid"]);
    expect(outputPaths("x", 2)).toEqual(["x-1", "x-2"]);
  });
});

describe("main", () => {
  it("answers --help and bad input without loading a model", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main(["--help"], io)).toBe(0);
    expect(lines.join("\n")).toMatch(/out-1\.mid, out-2\.mid/);
    const file = join(dir, "song.mid");
    writeFileSync(file, writeMidiFile({ meta, tracks, notes: song() }));
    lines.length = 0;
    expect(await main(["--in", file, "--infill", "2", "--tracks", "strings", "--out", join(dir, "x.mid")], io)).toBe(2);
    expect(await main(["--in", join(dir, "missing.mid"), "--continue", "2", "--out", join(dir, "x.mid")], io)).toBe(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^generate: --tracks: .*song\.mid has no track/);
    expect(lines[1]).toMatch(/^generate: --in: cannot read .*missing\.mid \(ENOENT\)/);
  });

  it("writes the whole piece with each candidate's notes in place of the region's", async () => {
    const input = join(dir, "whole.mid");
    writeFileSync(input, writeMidiFile({ meta, tracks, notes: song() }));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    const args = ["--in", input, "--continue", "2", "--tracks", "bass", "--pitch", "E1-E2", "--candidates", "2", "--seed", "7", "--out", join(dir, "whole-out.mid")];
    expect(await main(args, io)).toBe(0);
    expect(lines).toEqual([`wrote ${join(dir, "whole-out-1.mid")}: 2 new notes in bars 9-10`, `wrote ${join(dir, "whole-out-2.mid")}: 2 new notes in bars 9-10`]);
    expect(requests.at(-1)).toMatchObject({ mode: "continue", seed: 7, candidates: 2, region: { startBar: 8, endBar: 10, pitchLo: 28, pitchHi: 40 } });
    for (const c of [1, 2]) {
      const out = parseMidiFile(readFileSync(join(dir, `whole-out-${c}.mid`)));
      expect(out.notes).toHaveLength(song().length + 2);
      expect(out.notes.filter((n) => n.start >= 8 * BAR).map((n) => [n.pitch, n.start])).toEqual([[28 + c - 1, 8 * BAR + 480], [28 + c - 1, 9 * BAR + 480]]);
      expect(out.texts[0]).toMatch(/^Tandem: continue bars 9-10 of whole\.mid, candidate \d of 2/);
    }
  });

  it("--style-from DIR learns a style memory from the folder's MIDI files and generates with it", async () => {
    const band = mkdtempSync(join(dir, "band-"));
    for (const name of ["b.mid", "a.midi"]) writeFileSync(join(band, name), writeMidiFile({ meta, tracks, notes: song() }));
    writeFileSync(join(band, "notes.txt"), "not music");
    const input = join(dir, "styled.mid");
    writeFileSync(input, writeMidiFile({ meta, tracks, notes: song() }));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    const out = join(dir, "styled-out.mid");
    expect(await main(["--in", input, "--infill", "3-4", "--seed", "5", "--style-from", band, "--out", out], io)).toBe(0);
    expect(requests.at(-1)?.style?.sources.map((s) => s.pieceId)).toEqual(["a.midi", "b.mid"]);
    expect(parseMidiFile(readFileSync(out)).texts.join("\n")).toContain(`in the style of a.midi, b.mid (${band})`);
    const empty = mkdtempSync(join(dir, "empty-"));
    expect(await main(["--in", input, "--infill", "3", "--style-from", empty, "--out", out], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/^ERR generate: --style-from: .* holds no MIDI files/);
  });
});

describe("empty candidates", () => {
  it("are left out of the files written, and all empty is a failure that says so", async () => {
    const input = join(dir, "empty.mid");
    writeFileSync(input, writeMidiFile({ meta, tracks, notes: song() }));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    const args = (seed: string) => ["--in", input, "--continue", "2", "--candidates", "2", "--seed", seed, "--out", join(dir, `empty-${seed}.mid`)];
    expect(await main(args("13"), io)).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^wrote .*empty-13\.mid: \d+ new notes/)]);
    lines.length = 0;
    expect(await main(args("14"), io)).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^ERR generate: the model wrote no notes in bars 9-10/)]);
  });
});

describe("npx tsx server/inference/cli.ts", () => {
  const cli = (args: string[]) => run("npx", ["tsx", "server/inference/cli.ts", ...args], { timeout: 240_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

  it("exits 2 on a corrupt file, naming it", async () => {
    const bad = join(dir, "corrupt-input.mid");
    writeFileSync(bad, "RIFF....WAVEfmt and no MIDI at all");
    const r = await cli(["--in", bad, "--infill", "1-2", "--out", join(dir, "never.mid")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^generate: .*corrupt-input\.mid: not a MIDI file/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, "never.mid"))).toBe(false);
  });

  // Runs wherever the model is present and always in CI, where a missing model must fail, not skip.
  describe("with the shipped model", () => {
    it("the model is present", () => expect(existsSync(join(MODEL_DIR, "model.onnx")), `${MODEL_DIR}/model.onnx is missing`).toBe(true));

    it("infills two bars of the chosen tracks within the pitch range, once per candidate", async () => {
      const input = join(dir, "e2e-song.mid");
      writeFileSync(input, writeMidiFile({ meta, tracks, notes: song() }));
      const out = join(dir, "e2e-out.mid");
      const args = ["--in", input, "--infill", "3-4", "--tracks", "melody", "--pitch", "C4-C6", "--candidates", "2", "--seed", "1", "--out", out];
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      const before = parseMidiFile(readFileSync(input));
      const lead = (p: typeof before) => p.tracks.find((t) => t.name === "Lead")!.id;
      const inRegion = (n: Note) => n.start >= 2 * BAR && n.start < 4 * BAR;
      let generated = 0;
      for (const file of [join(dir, "e2e-out-1.mid"), join(dir, "e2e-out-2.mid")]) {
        const after = parseMidiFile(readFileSync(file), file);
        expect(after.meta).toEqual(meta);
        expect(after.tracks.map((t) => t.name)).toEqual(["Lead", "Keys", "Low end"]);
        const fresh = after.notes.filter((n) => n.track === lead(after) && inRegion(n));
        generated += fresh.length;
        for (const n of fresh) expect(n.pitch >= 60 && n.pitch <= 84, `pitch ${n.pitch}`).toBe(true);
        const outside = (p: typeof before) =>
          p.notes.filter((n) => !(n.track === lead(p) && inRegion(n))).map((n) => `${p.tracks.find((t) => t.id === n.track)!.name} ${n.pitch} ${n.start} ${n.duration}`).sort();
        expect(outside(after)).toEqual(outside(before));
      }
      expect(generated).toBeGreaterThan(0);
    }, 240_000);
  });
});
