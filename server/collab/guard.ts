/**
 * The server's side of every client transaction on a piece's Y.Doc, run synchronously right after
 * it: writes to the server-only maps are reverted, malformed notes / tracks / meta entries / chord
 * symbols are repaired or removed, and each net change of a note becomes a ledger entry plus provenance.
 * All of it happens in one follow-up transaction with origin SERVER_REPAIR, which Yjs runs (and
 * broadcasts) right after the client's own.
 */
import * as Y from "yjs";
import { docMaps, MAX_CHORD_OVERRIDES, type Note } from "../../lib/doc-schema";
import { ledgerEntry, type LedgerEntry } from "../authorship/ledger";
import type { Log } from "../log";
import type { SessionUser } from "../services";
import { newId } from "../api/ids";
import { attribute, humanProvenance, isRestoration, markDeleted } from "./note-credit";
import { RELAY, SERVER_LOAD, SERVER_REPAIR } from "./origins";
import { asProvenanceWriter } from "./provenance-writer";
import { checkChordEntry, checkMetaEntry, checkNote, checkTrack, isValidId, metaDefault } from "./validate";

type MapName = keyof ReturnType<typeof docMaps>;

interface KeyChange {
  map: MapName;
  key: string;
  oldValue: unknown;
}

export interface GuardOptions {
  pieceId: string;
  /** The authenticated user behind a transaction origin, or null when the server made it. */
  clientOf(origin: unknown): SessionUser | null;
  /** Ledger entries for the notes a client transaction changed (after repair). */
  onLedger(entries: LedgerEntry[]): void;
  log: Log;
}

/** Installs the guard on a doc; returns a function that removes it. */
export function guardDoc(doc: Y.Doc, opts: GuardOptions): () => void {
  const maps = docMaps(doc);
  let changes: KeyChange[] = [];

  const observers = (Object.keys(maps) as MapName[]).map((name) => {
    const observer = (event: Y.YMapEvent<unknown>) => {
      const origin = event.transaction.origin;
      // Loaded rows, the guard's own repairs, and another process's updates (checked and attributed there).
      if (origin === SERVER_LOAD || origin === SERVER_REPAIR || origin === RELAY) return;
      const server = opts.clientOf(origin) === null;
      if (server && name !== "notes") return; // the server's own writes: only its note deletions matter
      // event.changes is only valid while the observer runs, so the old values are captured now.
      event.changes.keys.forEach((change, key) => {
        if (!server || change.action === "delete") changes.push({ map: name, key, oldValue: change.oldValue });
      });
    };
    (maps[name] as Y.Map<unknown>).observe(observer);
    return () => (maps[name] as Y.Map<unknown>).unobserve(observer);
  });

  const afterTransaction = (tr: Y.Transaction) => {
    if (changes.length === 0) return;
    const batch = changes;
    changes = [];
    const user = opts.clientOf(tr.origin);
    if (user === null) return recordServerDeletions(doc, batch);
    try {
      const ledger = repairAndAttribute(doc, batch, user, opts.pieceId);
      if (ledger.length > 0) opts.onLedger(ledger);
    } catch (err) {
      // A bug here must not take the room down with it; the client's write stays as it was.
      opts.log.error("collab guard failed", { pieceId: opts.pieceId, error: String(err) });
    }
  };
  doc.on("afterTransaction", afterTransaction);

  return () => {
    observers.forEach((off) => off());
    doc.off("afterTransaction", afterTransaction);
  };
}

function repairAndAttribute(doc: Y.Doc, batch: KeyChange[], user: SessionUser, pieceId: string): LedgerEntry[] {
  const { meta, tracks, notes, chords, provenance, generations, candidateParts, jams, clientOwners } = docMaps(doc);
  const ledger: LedgerEntry[] = [];
  doc.transact(() => {
    // Server-only maps first, so the provenance written below is never overwritten by a revert.
    for (const c of batch) {
      if (c.map === "provenance") asProvenanceWriter(doc, () => restore(provenance as Y.Map<unknown>, c.key, c.oldValue));
      if (c.map === "generations") restore(generations as Y.Map<unknown>, c.key, c.oldValue);
      if (c.map === "candidateParts") restore(candidateParts as Y.Map<unknown>, c.key, c.oldValue);
      if (c.map === "jams") restore(jams as Y.Map<unknown>, c.key, c.oldValue);
      if (c.map === "clientOwners") restore(clientOwners as Y.Map<unknown>, c.key, c.oldValue);
    }
    for (const c of batch) {
      if (c.map === "meta") guardMetaEntry(meta, c);
      if (c.map === "tracks") guardTrack(tracks as Y.Map<unknown>, c);
      if (c.map === "chords") guardChord(chords as Y.Map<unknown>, c);
    }
    const actor = { authorKind: "human" as const, actorId: user.id };
    for (const c of batch) {
      if (c.map !== "notes") continue;
      const before = c.oldValue as Note | undefined;
      const after = guardNote(notes as Y.Map<unknown>, c);
      if (after !== undefined && before === undefined && !isRestoration(provenance.get(c.key), after)) {
        // A known id re-created with other content: a new note of the sender's, under an id of its own.
        notes.delete(c.key);
        const id = newId();
        notes.set(id, after);
        ledger.push(ledgerEntry(pieceId, id, undefined, after, actor)!);
        asProvenanceWriter(doc, () => provenance.set(id, humanProvenance(user)));
        continue;
      }
      const entry = ledgerEntry(pieceId, c.key, before, after, actor);
      if (entry === null) continue;
      ledger.push(entry);
      asProvenanceWriter(doc, () =>
        after === undefined ? markDeleted(provenance, c.key, before!) : attribute(provenance, c.key, user, before === undefined),
      );
    }
  }, SERVER_REPAIR);
  return ledger;
}

/** Repairs or deletes a changed note; returns the note as it now stands (undefined if absent). */
function guardNote(notes: Y.Map<unknown>, c: KeyChange): Note | undefined {
  if (!notes.has(c.key)) return undefined;
  const checked = isValidId(c.key) ? checkNote(notes.get(c.key)) : ({ status: "invalid" } as const);
  if (checked.status === "invalid") {
    notes.delete(c.key);
    return undefined;
  }
  if (checked.status === "repaired") notes.set(c.key, checked.value);
  return checked.value;
}

function guardTrack(tracks: Y.Map<unknown>, c: KeyChange): void {
  if (!tracks.has(c.key)) return; // deleting a track is a legitimate edit
  const checked = isValidId(c.key) ? checkTrack(tracks.get(c.key)) : ({ status: "invalid" } as const);
  if (checked.status === "repaired") tracks.set(c.key, checked.value);
  if (checked.status !== "invalid") return;
  const previous = checkTrack(c.oldValue);
  restore(tracks, c.key, previous.status === "invalid" ? undefined : previous.value);
}

function guardChord(chords: Y.Map<unknown>, c: KeyChange): void {
  if (!chords.has(c.key)) return; // clearing a symbol brings back the detected chord
  const checked = checkChordEntry(c.key, chords.get(c.key));
  const tooMany = c.oldValue === undefined && chords.size > MAX_CHORD_OVERRIDES;
  if (checked.status === "repaired" && !tooMany) chords.set(c.key, checked.value);
  if (checked.status !== "invalid" && !tooMany) return;
  const previous = checkChordEntry(c.key, c.oldValue);
  restore(chords, c.key, previous.status === "invalid" ? undefined : previous.value);
}

function guardMetaEntry(meta: Y.Map<unknown>, c: KeyChange): void {
  const current = meta.get(c.key);
  const fallback = () => {
    const previous = checkMetaEntry(c.key, c.oldValue);
    return previous.status === "invalid" ? metaDefault(c.key) : previous.value;
  };
  if (!meta.has(c.key)) {
    // The meter and tempo cannot be removed; other keys (the title) can.
    if (metaDefault(c.key) !== undefined) restore(meta, c.key, fallback());
    return;
  }
  const checked = checkMetaEntry(c.key, current);
  if (checked.status === "repaired") meta.set(c.key, checked.value);
  if (checked.status === "invalid") restore(meta, c.key, fallback());
}

/** Deletions the server made (an accept replacing notes, an undo by author): their provenance keeps the note. */
function recordServerDeletions(doc: Y.Doc, batch: KeyChange[]): void {
  const { notes, provenance } = docMaps(doc);
  const deleted = batch.filter((c) => !notes.has(c.key) && provenance.has(c.key));
  if (deleted.length === 0) return;
  doc.transact(() => asProvenanceWriter(doc, () => deleted.forEach((c) => markDeleted(provenance, c.key, c.oldValue as Note))), SERVER_REPAIR);
}

function restore(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (map.has(key)) map.delete(key);
  } else {
    map.set(key, value);
  }
}
