/**
 * The generate command's learned styles: `--style-from DIR` (the MIDI files of a folder, each a source piece, learned
 * as a style memory, or with `--fine-tune` by fine-tuning the model on them) and `--adaptation ID` (a style learned
 * in the app, read from its database).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { buildStyleMemory, type SourcePiece } from "../../models/adapt/build-style-memory";
import { TOKENIZER_VERSION } from "../../models/tokenizer";
import { parseMidiFile } from "../../lib/midi";
import { adaptationWords } from "../../lib/adaptation-credit";
import { countOf } from "../../lib/plural";
import type { StyleMemoryArtifact } from "./adaptation/style-memory";
import type { InferenceRequest } from "./types";

const MIDI = /\.midi?$/i;

/** What a request carries of a learned style, and the line the written file's provenance gives it. */
export interface CliStyle {
  style?: StyleMemoryArtifact;
  network?: InferenceRequest["network"];
  provenance: string;
}

/** The folder's .mid/.midi files, sorted by name (the name is the piece's id). `fail` reports a mistake. */
function piecesFromFolder(dir: string, fail: (message: string) => never): SourcePiece[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => MIDI.test(n)).sort();
  } catch (e) {
    return fail(`--style-from: cannot read the folder ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (names.length === 0) fail(`--style-from: ${dir} holds no MIDI files (.mid or .midi) to learn from`);
  return names.map((name) => {
    try {
      return { id: name, ...parseMidiFile(readFileSync(join(dir, name)), name) };
    } catch (e) {
      return fail(`--style-from: ${(e as Error).message.split("\n")[0]}`);
    }
  });
}

/** The folder's pieces built into a style memory. */
export function styleFromFolder(dir: string, fail: (message: string) => never): StyleMemoryArtifact {
  const pieces = piecesFromFolder(dir, fail);
  try {
    return buildStyleMemory(pieces, { tokenizer: TOKENIZER_VERSION });
  } catch (e) {
    return fail(`--style-from: ${dir}: ${(e as Error).message}`);
  }
}

/** The model fine-tuned on the folder's pieces (a minute or two: PyTorch on this machine), its progress on `err`. */
export async function fineTuneFromFolder(dir: string, modelDir: string, err: (line: string) => void, fail: (message: string) => never): Promise<CliStyle> {
  const pieces = piecesFromFolder(dir, fail);
  const { createFineTuner } = await import("../adaptation/fine-tune");
  const tuner = createFineTuner({ modelDir });
  const ok = await tuner.available();
  if (!ok.ok) return fail(`--fine-tune: ${ok.reason}`);
  let shown = -1;
  const tuned = await tuner.run("cli", pieces, async (share) => {
    const pct = Math.floor(share * 10) * 10;
    if (pct > shown) err(`fine-tuning on ${countOf(pieces.length, "piece")}: ${(shown = pct)}%`);
  });
  const names = pieces.map((p) => p.id).join(", ");
  if (!tuned.patch) {
    // As the app does (server/adaptation/build.ts): the shipped weights were kept, so the model's own network runs.
    err(`fine-tuning on ${countOf(pieces.length, "piece")}: the model already writes them about as well as a fine-tune could teach it; writing as the model's own`);
    return { provenance: `in the style of ${names} (${dir}, fine-tuned: as the model's own)` };
  }
  return { network: { fingerprint: tuned.fingerprint, patch: tuned.patch }, provenance: `in the style of ${names} (${dir}, fine-tuned)` };
}

/**
 * A style learned in the app, by its id, from the app's database: DATABASE_URL, or the PGlite folder in DATA_DIR
 * (./data; only while the app is stopped: PGlite has one process at a time). The command line runs as the server's
 * operator, who may read every piece.
 */
export async function adaptationFromDatabase(id: string, fail: (message: string) => never): Promise<CliStyle> {
  const [{ createDb }, { adaptations }, { adaptationForRow }] = await Promise.all([import("../../db"), import("../../db/schema"), import("../adaptation/use")]);
  const dataDir = join(process.env.DATA_DIR ?? "./data", "pglite");
  const db = await createDb(process.env.DATABASE_URL, { dataDir }).catch((e: Error) => fail(`--adaptation: cannot open the app's database (${e.message})`));
  try {
    const [row] = await db.db.select().from(adaptations).where(eq(adaptations.id, id));
    if (!row) return fail(`--adaptation: no style ${id} in ${process.env.DATABASE_URL ? "DATABASE_URL's database" : dataDir}`);
    const used = await adaptationForRow(db.db, row).catch((e: Error) => fail(`--adaptation: ${e.message}`));
    return { style: used.style, network: used.network, provenance: adaptationWords(used.credit) };
  } finally {
    await db.close();
  }
}
