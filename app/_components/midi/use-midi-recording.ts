"use client";
/**
 * Playing in from a MIDI keyboard, or from the computer keyboard through `play` (musical typing): every key is
 * heard on the selected track's instrument; while the piece plays (and the piece is editable), each key becomes
 * a note in that track when it is released.
 */
import { useCallback, useEffect, useRef } from "react";
import type * as Y from "yjs";
import type { Instrument } from "@/lib/doc-schema";
import { addNote } from "@/app/_components/piano-roll/commands";
import type { LoopRange } from "@/app/_playback/schedule";
import type { NoteMessage } from "./midi-message";
import { recordedNote, type HeldKey } from "./recorder";
import { useMidiInput, type MidiInputState } from "./use-midi-input";

export interface MidiRecordingOptions {
  enabled: boolean;
  doc: Y.Doc;
  track: string;
  instrument: Instrument;
  canRecord: boolean;
  loop: LoopRange | null;
  getPlayhead(): number | null;
  noteOn(instrument: Instrument, pitch: number, velocity: number): void;
  noteOff(instrument: Instrument, pitch: number): void;
  /** Where keys go instead, when set (the jam its leader plays: app/_jam/use-jam.ts): heard and recorded there. */
  divert?: ((m: NoteMessage) => void) | null;
}

export interface PlayingIn extends MidiInputState {
  /** One key pressed or let go, from anything that plays like a MIDI keyboard. */
  play(m: NoteMessage): void;
}

export function useMidiRecording(o: MidiRecordingOptions): PlayingIn {
  const held = useRef(new Map<number, HeldKey & { instrument: Instrument }>());
  const opts = useRef(o);
  useEffect(() => {
    opts.current = o;
  });

  const onNote = useCallback((m: NoteMessage) => {
    const { instrument, getPlayhead, noteOn, noteOff, canRecord, doc, track, loop, divert } = opts.current;
    if (divert && !held.current.has(m.pitch)) return divert(m); // a key held from before goes on here until let go
    if (m.type === "on") {
      noteOn(instrument, m.pitch, m.velocity / 127);
      held.current.set(m.pitch, { pitch: m.pitch, velocity: m.velocity, tick: getPlayhead() ?? -1, instrument });
      return;
    }
    const key = held.current.get(m.pitch);
    held.current.delete(m.pitch);
    noteOff(key?.instrument ?? instrument, m.pitch);
    const now = getPlayhead();
    // Recorded only when the key went down and came up while the piece was playing.
    if (key && key.tick >= 0 && now !== null && canRecord) addNote(doc, recordedNote(key, now, track, loop));
  }, []);

  return { ...useMidiInput(o.enabled, onNote), play: onNote };
}
