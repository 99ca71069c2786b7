/** What a piece's Redis stream entry holds (relay.ts), and how its ids order. */
import type { LedgerEntry } from "../authorship/ledger";

/** One entry's fields: its sender's process id, the tick's update (merged) and the ledger entries it made. */
export interface EntryFields {
  from?: string;
  update?: Uint8Array;
  ledger?: LedgerEntry[];
}

/** Orders two stream ids ("<ms>-<seq>"): negative when a comes first. Called for every entry a process takes. */
export function compareStreamIds(a: string, b: string): number {
  const i = a.indexOf("-");
  const j = b.indexOf("-");
  return compareWhole(a.slice(0, i), b.slice(0, j)) || compareWhole(a.slice(i + 1), b.slice(j + 1));
}

/** Orders two whole numbers written as Redis writes them, in decimal without leading zeros: by length, then digits. */
const compareWhole = (a: string, b: string) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

/** An entry's fields as Redis returns them: ["from", processId, "u", update, "l", ledger JSON], "u" and "l" each optional. */
export function fieldsOf(fields: Buffer[]): EntryFields {
  const out: EntryFields = {};
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i].toString();
    if (name === "from") out.from = fields[i + 1].toString();
    else if (name === "u") out.update = new Uint8Array(fields[i + 1]);
    else if (name === "l") out.ledger = JSON.parse(fields[i + 1].toString()) as LedgerEntry[];
  }
  return out;
}

/** What an append publishes on the piece's channel (APPEND_SCRIPT): the entry's id, the id before it, sender, update. */
export interface Push {
  id: string;
  /** The entry before this one in the stream ("-": the stream was empty). */
  prev: string;
  from: string;
  update: Uint8Array | null;
}

const SEP = 0; // ids and process ids hold no NUL; the update, last, may

/** A push as APPEND_SCRIPT writes it: id NUL prev NUL from NUL update (empty: none). */
export function parsePush(message: Buffer): Push | null {
  const a = message.indexOf(SEP);
  const b = a < 0 ? -1 : message.indexOf(SEP, a + 1);
  const c = b < 0 ? -1 : message.indexOf(SEP, b + 1);
  if (c < 0) return null;
  const update = message.subarray(c + 1);
  return {
    id: message.toString("latin1", 0, a),
    prev: message.toString("latin1", a + 1, b),
    from: message.toString("latin1", b + 1, c),
    update: update.length > 0 ? new Uint8Array(update) : null, // a copy, as fieldsOf makes: applied a turn later
  };
}
