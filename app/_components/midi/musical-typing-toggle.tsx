"use client";
/** The toolbar's musical typing: a toggle (M), and while it is on the octave and velocity the letter keys play at. */
import type { NoteMessage } from "./midi-message";
import { octaveName } from "./musical-typing";
import { useMusicalTyping } from "./use-musical-typing";
import styles from "./musical-typing.module.css";

export interface MusicalTypingToggleProps {
  /** The MIDI keyboard's path (use-midi-recording.ts): heard at once, recorded while the piece plays. */
  play(m: NoteMessage): void;
  readOnly: boolean;
}

export function MusicalTypingToggle({ play, readOnly }: MusicalTypingToggleProps) {
  const { typing, setOn } = useMusicalTyping(play);
  const records = readOnly ? "this piece is view only, so nothing is recorded" : "notes are recorded into the selected track while the piece plays";
  return (
    <div role="group" aria-label="Musical typing">
      <button
        type="button"
        aria-pressed={typing.on}
        aria-keyshortcuts="M"
        aria-label="Musical typing"
        title={`Musical typing: play from the computer keyboard. A W S E D F T G Y H U J K O L P ; are the keys from C, Z X the octave, C V the velocity; ${records} (M, Escape to stop)`}
        onClick={() => setOn(!typing.on)}
      >
        Typing
      </button>
      {typing.on && (
        <p className={styles.readout} role="status">
          <span data-testid="typing-octave">
            Octave <b>{octaveName(typing)}</b>
          </span>
          {" · "}
          <span data-testid="typing-velocity">
            Velocity <b>{typing.velocity}</b>
          </span>
        </p>
      )}
    </div>
  );
}
