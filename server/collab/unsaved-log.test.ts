import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../authorship/ledger";
import { decodeRecords, encodeRecord, UnsavedFolder } from "./unsaved-log";

const quietLog = { info() {}, warn() {}, error() {} };
const entry = (noteId: string): LedgerEntry => ({
  pieceId: "p1",
  noteId,
  action: "create",
  authorKind: "human",
  actorId: "ann",
  generationId: null,
  before: null,
  after: { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 },
});
const tmp = () => mkdtempSync(path.join(os.tmpdir(), "tandem-unsaved-"));
/** A process's first open of the piece: the folder as a new process finds it. */
const openNew = (dir: string, pieceId: string, doc: Y.Doc) => new UnsavedFolder(dir, quietLog).open(pieceId, doc, "load");

/** A document, and the update each of its edits made. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  return { doc, updates, set: (key: string) => doc.getMap("notes").set(key, key) };
}

describe("the unsaved log", () => {
  it("reads back whole records, and leaves out one a crash cut short", () => {
    const first = encodeRecord([new Uint8Array([1, 2, 3]), new Uint8Array([5])], [entry("n1")]);
    const second = encodeRecord([new Uint8Array([4])], []);
    const bytes = Buffer.concat([first, second]);
    expect(decodeRecords(bytes)).toEqual([
      { updates: [new Uint8Array([1, 2, 3]), new Uint8Array([5])], ledger: [entry("n1")] },
      { updates: [new Uint8Array([4])], ledger: [] },
    ]);
    expect(decodeRecords(bytes.subarray(0, bytes.length - 1))).toHaveLength(1);
    expect(decodeRecords(bytes.subarray(0, 5))).toEqual([]);
  });

  it("has a tick's edits in its file before it says so, and replays into a new process only what the database lacks", async () => {
    const dir = tmp();
    const saved = editor(); // the database's document
    const { log, unsaved: none } = await openNew(dir, "p1", new Y.Doc());
    expect(none).toEqual({ updates: [], ledger: [] });

    const live = editor();
    live.set("n1");
    log.add(live.updates[0], [entry("n1")]);
    Y.applyUpdate(saved.doc, live.updates[0]); // this one reached the database...
    const appended = new Promise<string[]>((resolve) => log.afterAppended(() => resolve(readdirSync(dir))));
    expect(await appended).toEqual(["p1.0.log"]);
    live.set("n2");
    log.add(live.updates[1], [entry("n2")]); // ...this one did not: the process dies here
    await new Promise<void>((resolve) => log.afterAppended(resolve));

    const { unsaved } = await openNew(dir, "p1", saved.doc);
    expect(unsaved.ledger.map((e) => e.noteId)).toEqual(["n2"]);
    expect(unsaved.updates).toHaveLength(1);
    expect(saved.doc.getMap("notes").toJSON()).toEqual({ n1: "n1", n2: "n2" });
  });

  it("deletes the files of the generations a save holds, and none after", async () => {
    const dir = tmp();
    const { log } = await openNew(dir, "p1", new Y.Doc());
    const live = editor();
    live.set("n1");
    log.add(live.updates[0], []);
    const sealed = log.seal(); // a save takes n1
    live.set("n2");
    log.add(live.updates[1], []); // n2 comes while it writes
    await new Promise<void>((resolve) => log.afterAppended(resolve));
    expect(readdirSync(dir).sort()).toEqual(["p1.0.log", "p1.1.log"]);
    await log.drop(sealed);
    expect(readdirSync(dir)).toEqual(["p1.1.log"]);
    const [record] = decodeRecords(readFileSync(path.join(dir, "p1.1.log")));
    expect(record.updates).toEqual([live.updates[1]]);
  });

  it("drops files that hold nothing the database lacks when the piece opens", async () => {
    const dir = tmp();
    const live = editor();
    live.set("n1");
    writeFileSync(path.join(dir, "p1.3.log"), encodeRecord([live.updates[0]], [entry("n1")]));
    writeFileSync(path.join(dir, "other.0.log"), encodeRecord([live.updates[0]], []));
    const saved = new Y.Doc();
    Y.applyUpdate(saved, live.updates[0]);
    const { unsaved } = await openNew(dir, "p1", saved);
    expect(unsaved.updates).toEqual([]);
    expect(readdirSync(dir)).toEqual(["other.0.log"]);
  });

  it("lists the folder once, and gives a piece's next open in the same process what its log closed with", async () => {
    const dir = tmp();
    const folder = new UnsavedFolder(dir, quietLog);
    const { log } = await folder.open("p/1", new Y.Doc(), "load");
    const live = editor();
    live.set("n1");
    log.add(live.updates[0], [entry("n1")]);
    log.close(); // the room went before its save succeeded (a shutdown whose save failed)
    expect(readdirSync(dir)).toEqual(["p%2F1.0.log"]);
    const stray = editor();
    stray.set("x");
    writeFileSync(path.join(dir, "p2.0.log"), encodeRecord([stray.updates[0]], [])); // not this process's: listed before

    const again = await folder.open("p/1", new Y.Doc(), "load");
    expect(again.unsaved.ledger.map((e) => e.noteId)).toEqual(["n1"]);
    const p2 = await folder.open("p2", new Y.Doc(), "load");
    expect(p2.unsaved.updates).toEqual([]);
    expect((await openNew(dir, "p2", new Y.Doc())).unsaved.updates).toHaveLength(1); // a new process lists it
  });
});
