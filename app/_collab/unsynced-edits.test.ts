import { describe, expect, it } from "vitest";
import { UnsyncedEdits } from "./unsynced-edits";

describe("UnsyncedEdits", () => {
  it("counts edits made offline until the sync step 2 that carries them is answered", () => {
    const edits = new UnsyncedEdits();
    edits.synced();
    edits.edit(false);
    edits.edit(false);
    edits.edit(false);
    expect(edits.snapshot()).toEqual({ loaded: true, unsynced: 3, catchingUp: false, refused: 0 });
    edits.catchUpSent();
    expect(edits.snapshot()).toMatchObject({ unsynced: 3, catchingUp: true });
    expect(edits.answered(true)).toBe(0);
    expect(edits.snapshot()).toMatchObject({ unsynced: 0, catchingUp: false, refused: 0 });
  });

  it("waits for every part of a catch-up sent in parts, and counts the edits dropped with the last", () => {
    const edits = new UnsyncedEdits();
    edits.synced();
    for (let i = 0; i < 5; i++) edits.edit(false);
    edits.catchUpSent(3);
    expect(edits.answered(true)).toBe(0);
    expect(edits.answered(true)).toBe(0);
    expect(edits.snapshot()).toMatchObject({ unsynced: 5, catchingUp: true });
    expect(edits.answered(false)).toBe(5);
    expect(edits.snapshot()).toMatchObject({ unsynced: 0, catchingUp: false, refused: 5 });
  });

  it("counts an edit sent in several messages as one, until its last part is answered", () => {
    const edits = new UnsyncedEdits();
    edits.edit(true, 2);
    expect(edits.snapshot().unsynced).toBe(1);
    expect(edits.answered(true)).toBe(0);
    expect(edits.snapshot().unsynced).toBe(1);
    expect(edits.answered(false)).toBe(1);
    expect(edits.snapshot()).toMatchObject({ unsynced: 0, refused: 1 });
  });

  it("matches answers to messages in the order they were sent", () => {
    const edits = new UnsyncedEdits();
    edits.edit(true); // an update sent while online
    edits.edit(false);
    edits.catchUpSent(); // then a reconnect carries the offline one
    edits.edit(true);
    expect(edits.snapshot().unsynced).toBe(3);
    edits.answered(true);
    expect(edits.snapshot()).toMatchObject({ unsynced: 2, catchingUp: true });
    edits.answered(true);
    expect(edits.snapshot()).toMatchObject({ unsynced: 1, catchingUp: false });
    edits.answered(true);
    expect(edits.snapshot().unsynced).toBe(0);
  });

  it("puts edits sent on a socket that closed before answering back with the offline ones", () => {
    const edits = new UnsyncedEdits();
    edits.edit(true);
    edits.edit(true);
    edits.answered(true);
    edits.connectionLost();
    edits.edit(false);
    expect(edits.snapshot()).toMatchObject({ unsynced: 2, catchingUp: false });
    edits.catchUpSent();
    expect(edits.answered(true)).toBe(0);
    expect(edits.snapshot().unsynced).toBe(0);
  });

  it("reports the edits the server dropped, and an empty answer as none", () => {
    const edits = new UnsyncedEdits();
    edits.catchUpSent(); // nothing made offline: a reader's empty step 2
    expect(edits.answered(false)).toBe(0);
    edits.edit(false);
    edits.edit(false);
    edits.catchUpSent();
    expect(edits.answered(false)).toBe(2);
    expect(edits.snapshot()).toMatchObject({ unsynced: 0, refused: 2 });
    expect(edits.answered(true)).toBe(0); // an answer with nothing in flight changes nothing
  });

  it("keeps its snapshot until something changes, and tells subscribers when it does", () => {
    const edits = new UnsyncedEdits();
    let calls = 0;
    const stop = edits.subscribe(() => calls++);
    const before = edits.snapshot();
    edits.catchUpSent();
    edits.answered(true);
    expect(edits.snapshot()).toBe(before);
    expect(calls).toBe(0);
    edits.synced();
    edits.synced();
    expect(calls).toBe(1);
    stop();
    edits.edit(false);
    expect(calls).toBe(1);
  });
});
