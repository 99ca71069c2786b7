"use client";
/** The piece's key and time signature, shared by everyone; editors change them. With no key, what the notes sound like. */
import { useMemo } from "react";
import type * as Y from "yjs";
import { isDrumTrack, type NoteWithId, type PieceMeta, type Track } from "@/lib/doc-schema";
import { estimateKey, MODES, pieceKeyName, scaleNoteNames, type Mode, type PieceKey } from "@/lib/key";
import { BEAT_UNITS, BEATS_PER_BAR, setMeter, setPieceKey } from "./piece-music";
import styles from "./piece-settings.module.css";

export interface PieceSettingsProps {
  doc: Y.Doc;
  meta: PieceMeta;
  notes: readonly NoteWithId[];
  tracks: ReadonlyMap<string, Track>;
  readOnly: boolean;
}

/** A select's options: each value shown as it is. */
const options = (values: readonly (string | number)[]) =>
  values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));

const TONICS = ["C", "C#/Db", "D", "Eb/D#", "E", "F", "F#/Gb", "G", "Ab/G#", "A", "Bb/A#", "B"];

export function PieceSettings({ doc, meta, notes, tracks, readOnly }: PieceSettingsProps) {
  const key = meta.key;
  // Only asked for when no key is set: an estimate over the pitched notes, redone when they change.
  const heard = useMemo(() => {
    if (key) return null;
    const pitched = notes.filter((n) => !isDrumTrack(tracks.get(n.track)));
    return pitched.length >= 4 ? estimateKey(pitched) : null;
  }, [key, notes, tracks]);
  const setKey = (next: PieceKey | null) => setPieceKey(doc, next);

  return (
    <section aria-labelledby="piece-settings-heading" data-testid="piece-settings">
      <h2 id="piece-settings-heading">Key and time</h2>
      <div className={styles.fields}>
        <label>
          Key
          <select
            aria-label="Key"
            value={key ? String(key.tonic) : ""}
            disabled={readOnly}
            onChange={(e) => setKey(e.target.value === "" ? null : { tonic: Number(e.target.value), mode: key?.mode ?? "major" })}
          >
            <option value="">None</option>
            {TONICS.map((name, pc) => (
              <option key={name} value={pc}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Scale
          <select aria-label="Scale" value={key?.mode ?? "major"} disabled={readOnly || !key} onChange={(e) => key && setKey({ tonic: key.tonic, mode: e.target.value as Mode })}>
            {options(MODES)}
          </select>
        </label>
        <fieldset className={styles.meter} title="Notes stay where they are in time; the bar lines move.">
          <legend>Time signature</legend>
          <select
            aria-label="Beats per bar"
            value={meta.beatsPerBar}
            disabled={readOnly}
            onChange={(e) => setMeter(doc, { beatsPerBar: Number(e.target.value), beatUnit: meta.beatUnit })}
          >
            {options(BEATS_PER_BAR)}
          </select>
          <span aria-hidden>/</span>
          <select
            aria-label="Beat unit"
            value={meta.beatUnit}
            disabled={readOnly}
            onChange={(e) => setMeter(doc, { beatsPerBar: meta.beatsPerBar, beatUnit: Number(e.target.value) })}
          >
            {options(BEAT_UNITS)}
          </select>
        </fieldset>
      </div>
      {key ? (
        <p className="status" data-testid="key-summary">
          {pieceKeyName(key)}: {scaleNoteNames(key).join(" ")}. Its rows are tinted on the roll.
        </p>
      ) : heard ? (
        <p className="status">
          No key set; the notes sound like {pieceKeyName(heard)}.{" "}
          {!readOnly && (
            <button type="button" onClick={() => setKey({ tonic: heard.tonic, mode: heard.mode })}>
              Use {pieceKeyName(heard)}
            </button>
          )}
        </p>
      ) : (
        <p className="status">No key set.</p>
      )}
    </section>
  );
}
