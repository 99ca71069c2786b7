"use client";
/** A button that opens a file picker for one Standard MIDI File and hands over its bytes as base64. */
import { useRef, type ReactNode } from "react";
import { readMidiUpload, type MidiUpload } from "./read-upload";

export interface MidiFileInputProps {
  children: ReactNode; // the button's label
  disabled?: boolean;
  onFile(file: MidiUpload): void;
  onError(message: string): void;
  testId?: string;
}

export function MidiFileInput({ children, disabled, onFile, onError, testId }: MidiFileInputProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={disabled}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept=".mid,.midi,.smf,audio/midi,audio/x-midi"
        hidden
        data-testid={testId}
        aria-label={typeof children === "string" ? children : "MIDI file"}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ""; // the same file can be picked again after a fix
          if (file) readMidiUpload(file).then(onFile, (err: Error) => onError(err.message));
        }}
      />
    </>
  );
}
