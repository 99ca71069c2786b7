import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, type Note } from "../../lib/doc-schema";
import { bindClients, ownerOfClient } from "../../server/collab/client-owners";
import { checkClientUpdate } from "../../server/collab/update-check";
import { splitUpdate } from "./split-update";

const note = (i: number): Note => ({ track: "melody", pitch: 40 + (i % 40), start: i * 120, duration: 120, velocity: 90 });

/** The server's doc, and a client (id 101) that synced with it and then worked offline: `edit` runs on the client. */
function offline(edit: (notes: Y.Map<Note>) => void) {
  const server = new Y.Doc();
  initPieceDoc(server);
  docMaps(server).notes.set("old", note(0));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  client.clientID = 101;
  edit(docMaps(client).notes);
  const catchUp = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
  /** Applies `parts` to the server in order, each through the check the server runs on a client's message. */
  const send = (parts: Uint8Array[], limit: number) => {
    for (const part of parts) {
      const verdict = checkClientUpdate(server, part, "ada", ownerOfClient(server), { maxStructsPerMessage: limit, maxPieceNotes: 100_000 });
      if (!verdict.ok) throw new Error(verdict.reason);
      bindClients(server, verdict.newClients, "ada");
      Y.applyUpdate(server, part);
    }
  };
  return { server, client, catchUp, send };
}

const notesOf = (doc: Y.Doc) => Object.fromEntries([...docMaps(doc).notes].sort(([a], [b]) => a.localeCompare(b)));

describe("splitUpdate", () => {
  it("leaves an update within the limit whole", () => {
    const w = offline((notes) => notes.set("n", note(1)));
    expect(splitUpdate(w.catchUp, 10)).toEqual([w.catchUp]);
  });

  it("cuts offline work the server would refuse whole into parts it takes in turn, to the same piece", () => {
    const w = offline((notes) => {
      for (let i = 1; i <= 250; i++) notes.set(`n${i}`, note(i)); // one entry each
      for (let i = 1; i <= 40; i++) notes.delete(`n${i}`); // deletions of its own new notes
      notes.delete("old"); // and of a note the server had
      for (let i = 41; i <= 60; i++) notes.set(`n${i}`, note(i + 1)); // edits: a later entry replaces an earlier one
    });
    expect(() => w.send([w.catchUp], 100)).toThrow(/at most 100 entries/);
    const parts = splitUpdate(w.catchUp, 100);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect((Y.decodeUpdate(part).structs as unknown[]).length).toBeLessThanOrEqual(100);
    w.send(parts, 100);
    expect(notesOf(w.server)).toEqual(notesOf(w.client));
    expect(docMaps(w.server).notes.has("old")).toBe(false);
    expect(Y.getState(w.server.store, 101)).toBe(Y.getState(w.client.store, 101)); // every struct arrived
  });

  it("splits at any size, down to one struct a part", () => {
    const w = offline((notes) => {
      for (let i = 1; i <= 7; i++) notes.set(`n${i}`, note(i));
      notes.delete("n3");
    });
    w.send(splitUpdate(w.catchUp, 1), 1);
    expect(notesOf(w.server)).toEqual(notesOf(w.client));
  });

  it("refuses a limit below one", () => {
    const w = offline((notes) => notes.set("n", note(1)));
    expect(() => splitUpdate(w.catchUp, 0)).toThrow(RangeError);
  });
});
