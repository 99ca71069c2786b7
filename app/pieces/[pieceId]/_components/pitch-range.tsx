"use client";
/**
 * The pitch range the AI writes in, in note names: picked on a small piano (the lowest key, then the highest) or
 * typed (C4, F#5). A name that is not a pitch is refused beside its field.
 */
import { useEffect, useId, useState } from "react";
import { isBlackKey, MAX_PITCH, MIN_PITCH } from "@/app/_components/piano-roll/geometry";
import { ErrorAlert } from "@/app/_components/error-alert";
import { pitchName, readNoteName } from "./note-names";
import styles from "./pitch-range.module.css";

export interface PitchRangeProps {
  lo: number;
  hi: number;
  onChange(lo: number, hi: number): void;
  disabled: boolean;
}

const OCTAVES = 3; // the keys shown at once
const LAST_START = 96; // C7: the last window reaches G9, the highest pitch

/** The C where a window showing `pitch` starts. */
const windowFor = (pitch: number): number => Math.min(LAST_START, Math.max(0, Math.floor(pitch / 12) * 12));

/** A typed note name: committed as soon as it reads as one, refused beside the field when left unreadable. */
function NoteField(p: { label: string; pitch: number; onPitch(pitch: number): void; disabled: boolean }) {
  const id = useId();
  const [text, setText] = useState(pitchName(p.pitch));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(pitchName(p.pitch)); // picked on the keys
    setError(null);
  }, [p.pitch]);
  return (
    <div className={styles.field}>
      <label>
        {p.label}
        <input
          type="text"
          className={styles.name}
          aria-label={`${p.label} pitch`}
          value={text}
          disabled={p.disabled}
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const r = readNoteName(e.target.value);
            if ("pitch" in r) {
              setError(null);
              p.onPitch(r.pitch);
            }
          }}
          onBlur={() => {
            const r = readNoteName(text);
            setError("error" in r ? r.error : null);
          }}
        />
      </label>
      <ErrorAlert id={`${id}-error`} error={error} />
    </div>
  );
}

export function PitchRange({ lo, hi, onChange, disabled }: PitchRangeProps) {
  const [low, high] = [Math.min(lo, hi), Math.max(lo, hi)];
  const all = low === MIN_PITCH && high === MAX_PITCH;
  const [next, setNext] = useState<"lo" | "hi">("lo");
  const [start, setStart] = useState(() => (all ? 48 : windowFor(low)));
  const keys = Array.from({ length: OCTAVES * 12 }, (_, i) => start + i).filter((p) => p <= MAX_PITCH);
  const whites = keys.filter((p) => !isBlackKey(p));

  const pick = (pitch: number) => {
    const [a, b] = next === "lo" ? [pitch, all ? MAX_PITCH : high] : [low, pitch];
    onChange(Math.min(a, b), Math.max(a, b));
    setNext(next === "lo" ? "hi" : "lo");
  };

  return (
    <fieldset className={styles.range} disabled={disabled}>
      <legend>
        Pitch range: <span data-testid="pitch-range">{all ? "all pitches" : `${pitchName(low)} to ${pitchName(high)}`}</span>
      </legend>
      <p className={styles.help} id="pitch-range-help">
        The AI writes notes from the lowest pitch to the highest. Click the {next === "lo" ? "lowest" : "highest"} key, or type a note name such as C4 or F#5.
      </p>
      <div className={styles.row}>
        <NoteField label="Lowest" pitch={low} onPitch={(p) => onChange(p, high)} disabled={disabled} />
        <NoteField label="Highest" pitch={high} onPitch={(p) => onChange(low, p)} disabled={disabled} />
        {!all && (
          <button type="button" onClick={() => onChange(MIN_PITCH, MAX_PITCH)}>
            All pitches
          </button>
        )}
      </div>
      <div className={styles.row}>
        <button type="button" aria-label="Lower octave" onClick={() => setStart(Math.max(0, start - 12))} disabled={start === 0}>
          ◀
        </button>
        <div className={styles.piano} role="group" aria-label="Piano keys: click the lowest, then the highest" aria-describedby="pitch-range-help">
          {keys.map((p) => {
            const black = isBlackKey(p);
            const white = whites.filter((w) => w < p).length;
            const style = black ? { left: `calc(${(white / whites.length) * 100}% - ${35 / whites.length}%)`, width: `${70 / whites.length}%` } : undefined;
            const cls = [black ? styles.black : styles.white, p >= low && p <= high ? styles.inRange : "", p === low || p === high ? styles.end : ""].join(" ");
            return (
              <button key={p} type="button" tabIndex={-1} className={cls} style={style} aria-label={pitchName(p)} aria-pressed={p === low || p === high} onClick={() => pick(p)}>
                {!black && p % 12 === 0 && <span aria-hidden="true">{pitchName(p)}</span>}
              </button>
            );
          })}
        </div>
        <button type="button" aria-label="Higher octave" onClick={() => setStart(Math.min(LAST_START, start + 12))} disabled={start === LAST_START}>
          ▶
        </button>
      </div>
    </fieldset>
  );
}
