"use client";
/** Web MIDI input: while enabled, every connected input's note messages go to onNote. */
import { useEffect, useRef, useState } from "react";
import { parseNoteMessage, type NoteMessage } from "./midi-message";

export interface MidiInputState {
  supported: boolean;
  inputs: string[]; // names of the connected inputs
  error: string | null;
}

export function useMidiInput(enabled: boolean, onNote: (m: NoteMessage) => void): MidiInputState {
  const handler = useRef(onNote);
  useEffect(() => {
    handler.current = onNote;
  }, [onNote]);
  const [supported] = useState(() => typeof navigator !== "undefined" && "requestMIDIAccess" in navigator);
  const [inputs, setInputs] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled || !supported) return;
    let access: MIDIAccess | null = null;
    let gone = false;
    const listen = (e: MIDIMessageEvent) => {
      const m = e.data && parseNoteMessage(e.data);
      if (m) handler.current(m);
    };
    const attach = () => {
      if (!access) return;
      const list = [...access.inputs.values()];
      list.forEach((i) => i.addEventListener("midimessage", listen));
      setInputs(list.map((i) => i.name ?? "MIDI input"));
    };
    navigator.requestMIDIAccess().then(
      (a) => {
        if (gone) return;
        access = a;
        a.addEventListener("statechange", attach); // a keyboard plugged in or out
        attach();
        setError(null);
      },
      (err: unknown) => setError(`MIDI input is not available: ${err instanceof Error ? err.message : String(err)}`),
    );
    return () => {
      gone = true;
      access?.removeEventListener("statechange", attach);
      access?.inputs.forEach((i) => i.removeEventListener("midimessage", listen));
      setInputs([]);
    };
  }, [enabled, supported]);

  return { supported, inputs, error };
}
