"use client";
/**
 * Two octaves of piano keys to click or touch, for playing in without a MIDI keyboard (the jam, issue 16). Each key
 * is a button named by its note: pointer down plays it, up (or the pointer leaving) ends it; focused, Space or Enter
 * does the same. Notes go to `play`, as a MIDI keyboard's do.
 */
import { useRef, useState } from "react";
import type { NoteMessage } from "./midi-message";
import { MAX_OCTAVE, MIN_OCTAVE } from "./musical-typing";
import { screenKeys } from "./on-screen-keys";
import styles from "./on-screen-keyboard.module.css";

export interface OnScreenKeyboardProps {
  play(m: NoteMessage): void;
  disabled?: boolean;
  velocity?: number;
}

const PLAY_KEYS = new Set(["Enter", " "]);

export function OnScreenKeyboard({ play, disabled = false, velocity = 100 }: OnScreenKeyboardProps) {
  const [octave, setOctave] = useState(4);
  const [down, setDown] = useState<ReadonlySet<number>>(new Set());
  const held = useRef(new Set<number>());
  const keys = screenKeys(octave);
  const whites = keys.filter((k) => !k.black).length;

  const press = (pitch: number) => {
    if (disabled || held.current.has(pitch)) return;
    held.current.add(pitch);
    setDown(new Set(held.current));
    play({ type: "on", pitch, velocity });
  };
  const release = (pitch: number) => {
    if (!held.current.delete(pitch)) return;
    setDown(new Set(held.current));
    play({ type: "off", pitch });
  };

  return (
    <div className={styles.keyboard} role="group" aria-label="On-screen keyboard">
      <div className={styles.octave}>
        <button type="button" onClick={() => setOctave(Math.max(MIN_OCTAVE, octave - 1))} disabled={octave <= MIN_OCTAVE} aria-label="Octave down">
          −
        </button>
        <span>From C{octave}</span>
        <button type="button" onClick={() => setOctave(Math.min(MAX_OCTAVE - 1, octave + 1))} disabled={octave >= MAX_OCTAVE - 1} aria-label="Octave up">
          +
        </button>
      </div>
      <div className={styles.keys} style={{ gridTemplateColumns: `repeat(${whites}, 1fr)` }}>
        {keys.map((k) => (
          <button
            key={k.pitch}
            type="button"
            className={k.black ? styles.black : styles.white}
            style={k.black ? { left: `calc(${((k.whiteBefore + 1) / whites) * 100}% - var(--black-width) / 2)` } : { gridColumn: k.whiteBefore + 1 }}
            aria-label={k.name}
            aria-pressed={down.has(k.pitch)}
            disabled={disabled}
            data-pitch={k.pitch}
            onPointerDown={(e) => {
              e.currentTarget.releasePointerCapture(e.pointerId); // sliding onto the next key leaves this one
              press(k.pitch);
            }}
            onPointerEnter={(e) => e.buttons === 1 && press(k.pitch)}
            onPointerUp={() => release(k.pitch)}
            onPointerLeave={() => release(k.pitch)}
            onPointerCancel={() => release(k.pitch)}
            onKeyDown={(e) => {
              if (!PLAY_KEYS.has(e.key)) return;
              e.preventDefault();
              if (!e.repeat) press(k.pitch);
            }}
            onKeyUp={(e) => PLAY_KEYS.has(e.key) && release(k.pitch)}
            onBlur={() => release(k.pitch)}
          />
        ))}
      </div>
    </div>
  );
}
