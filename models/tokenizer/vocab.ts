/** Vocabulary of tokenizer `tandem-fim-2` (`tandem-fim-1` plus control tokens); see README.md for the table and the layout. */
import { controlBuckets, STYLES, type TrackControlName } from "./controls";

export const TOKENIZER_VERSION = "tandem-fim-2";

export { GRID_PER_BEAT } from "./grid";
export const MODEL_TRACKS = 4; // 0 melody, 1 counter-melody, 2 accompaniment, 3 drums
export const MAX_POS = 96;
export const MAX_DUR = 96;
export const MAX_WINDOW_BARS = 32;
export const MAX_SEQ_LEN = 1024;

export const PAD = 0;
export const BOS = 1;
export const EOS = 2;
export const CTX = 3;
export const REGION = 4;
export const MID = 5;
export const BAR = 6;

const TRACK0 = 7;
const POS0 = TRACK0 + MODEL_TRACKS; // 11
const DUR1 = POS0 + MAX_POS; // 107, DUR_1
const PITCH0 = DUR1 + MAX_DUR; // 203
const RSTART0 = PITCH0 + 128; // 331
const REND1 = RSTART0 + MAX_WINDOW_BARS; // 363, REND_1
const PLO0 = REND1 + MAX_WINDOW_BARS; // 395
const PHI0 = PLO0 + 128; // 523
const RTRACK0 = PHI0 + 128; // 651
const V1_SIZE = RSTART0 + 2 * MAX_WINDOW_BARS + 256 + MODEL_TRACKS; // 655
// tandem-fim-2 appends control tokens after the last tandem-fim-1 id, so a tandem-fim-1 model's ids mean the same.
const DENSITY0 = V1_SIZE; // 655
const POLYPHONY0 = DENSITY0 + controlBuckets("density"); // 663
const ENERGY0 = POLYPHONY0 + controlBuckets("polyphony"); // 667
const REGISTER0 = ENERGY0 + controlBuckets("energy"); // 671
const ACTIVITY0 = REGISTER0 + controlBuckets("register"); // 677
const STYLE0 = ACTIVITY0 + controlBuckets("activity"); // 681
const KEY0 = STYLE0 + STYLES.length; // 697
export const VOCAB_SIZE = KEY0 + 24; // 721

/** Each tokenizer version this code speaks, with its vocabulary size: a model names the one it was trained with. */
export const TOKENIZER_VOCAB: Readonly<Record<string, number>> = { "tandem-fim-1": V1_SIZE, [TOKENIZER_VERSION]: VOCAB_SIZE };
export const speaksControls = (tokenizer: string): boolean => tokenizer !== "tandem-fim-1";

const CONTROL0: Record<TrackControlName, number> = {
  density: DENSITY0,
  polyphony: POLYPHONY0,
  energy: ENERGY0,
  register: REGISTER0,
  activity: ACTIVITY0,
};

export const tok = {
  track: (t: number) => TRACK0 + t,
  pos: (p: number) => POS0 + p,
  dur: (d: number) => DUR1 + d - 1,
  pitch: (k: number) => PITCH0 + k,
  rstart: (b: number) => RSTART0 + b,
  rend: (b: number) => REND1 + b - 1,
  plo: (k: number) => PLO0 + k,
  phi: (k: number) => PHI0 + k,
  rtrack: (t: number) => RTRACK0 + t,
  control: (name: TrackControlName, bucket: number) => CONTROL0[name] + bucket,
  style: (index: number) => STYLE0 + index,
  key: (index: number) => KEY0 + index,
};

export type TokenKind =
  | "pad" | "bos" | "eos" | "ctx" | "region" | "mid" | "bar"
  | "track" | "pos" | "dur" | "pitch" | "rstart" | "rend" | "plo" | "phi" | "rtrack"
  | TrackControlName | "style" | "key";

/** Splits an id into its kind and value (the track, onset, duration, pitch or bar it names). */
export function describe(id: number): { kind: TokenKind; value: number } {
  if (!Number.isInteger(id) || id < 0 || id >= VOCAB_SIZE) throw new RangeError(`token id ${id} is outside the vocabulary`);
  const specials: TokenKind[] = ["pad", "bos", "eos", "ctx", "region", "mid", "bar"];
  if (id < TRACK0) return { kind: specials[id], value: 0 };
  if (id < POS0) return { kind: "track", value: id - TRACK0 };
  if (id < DUR1) return { kind: "pos", value: id - POS0 };
  if (id < PITCH0) return { kind: "dur", value: id - DUR1 + 1 };
  if (id < RSTART0) return { kind: "pitch", value: id - PITCH0 };
  if (id < REND1) return { kind: "rstart", value: id - RSTART0 };
  if (id < PLO0) return { kind: "rend", value: id - REND1 + 1 };
  if (id < PHI0) return { kind: "plo", value: id - PLO0 };
  if (id < RTRACK0) return { kind: "phi", value: id - PHI0 };
  if (id < DENSITY0) return { kind: "rtrack", value: id - RTRACK0 };
  if (id < POLYPHONY0) return { kind: "density", value: id - DENSITY0 };
  if (id < ENERGY0) return { kind: "polyphony", value: id - POLYPHONY0 };
  if (id < REGISTER0) return { kind: "energy", value: id - ENERGY0 };
  if (id < ACTIVITY0) return { kind: "register", value: id - REGISTER0 };
  if (id < STYLE0) return { kind: "activity", value: id - ACTIVITY0 };
  if (id < KEY0) return { kind: "style", value: id - STYLE0 };
  return { kind: "key", value: id - KEY0 };
}

export function tokenName(id: number): string {
  const { kind, value } = describe(id);
  return ["pad", "bos", "eos", "ctx", "region", "mid", "bar"].includes(kind) ? kind.toUpperCase() : `${kind.toUpperCase()}_${value}`;
}
