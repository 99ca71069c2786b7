import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, readTracks } from "@/lib/doc-schema";
import { addNote } from "./commands";
import { createHistory } from "./history";
import { addTrack, noteIdsOfTrack, removeTrack, renameTrack, setTrackInstrument, setTrackVolume } from "./track-commands";

function piece() {
  const doc = new Y.Doc();
  initPieceDoc(doc);
  return doc;
}

describe("track commands", () => {
  it("adds a track after the others with a unique name and the role's instrument", () => {
    const doc = piece();
    const id = addTrack(doc, "bass")!;
    expect(docMaps(doc).tracks.get(id)).toEqual({ name: "Bass 2", role: "bass", instrument: "bass", order: 4, volume: 0.8 });
    expect(readTracks(doc).at(-1)?.id).toBe(id);
  });

  it("renames, refusing blank names; sets instrument and volume within range", () => {
    const doc = piece();
    expect(renameTrack(doc, "melody", "  Flute  ")).toBe(true);
    expect(renameTrack(doc, "melody", "   ")).toBe(false);
    expect(docMaps(doc).tracks.get("melody")?.name).toBe("Flute");
    setTrackInstrument(doc, "melody", "pad");
    setTrackVolume(doc, "melody", 1.7);
    expect(docMaps(doc).tracks.get("melody")).toMatchObject({ instrument: "pad", volume: 1 });
    expect(renameTrack(doc, "missing", "X")).toBe(false);
  });

  it("removes a track with its notes in one undoable step, never the last track", () => {
    const doc = piece();
    const history = createHistory(doc);
    addNote(doc, { track: "drums", pitch: 36, start: 0, duration: 120 });
    const keep = addNote(doc, { track: "bass", pitch: 36, start: 0, duration: 120 });
    expect(noteIdsOfTrack(doc, "drums")).toHaveLength(1);
    expect(removeTrack(doc, "drums")).toBe(true);
    expect(docMaps(doc).tracks.has("drums")).toBe(false);
    expect([...docMaps(doc).notes.keys()]).toEqual([keep]);
    history.undo();
    expect(docMaps(doc).tracks.has("drums")).toBe(true);
    expect(noteIdsOfTrack(doc, "drums")).toHaveLength(1);
    for (const id of ["melody", "chords", "bass"]) removeTrack(doc, id);
    expect(removeTrack(doc, "drums")).toBe(false);
  });

  it("volume changes are not undo steps (a slider would flood the history)", () => {
    const doc = piece();
    const history = createHistory(doc);
    setTrackVolume(doc, "bass", 0.3);
    expect(history.canUndo()).toBe(false);
  });
});
