"use client";
/** The editor's MIDI controls: export the piece, import a file into the selected track, play in from a MIDI keyboard. */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Note, PieceMeta, Track } from "@/lib/doc-schema";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { downloadMidi } from "./download-midi";
import { MidiFileInput } from "./midi-file-input";
import type { MidiInputState } from "./use-midi-input";
import { ErrorAlert } from "@/app/_components/error-alert";
import { countOf } from "@/lib/plural";

export interface MidiControlsProps {
  pieceId: string;
  title: string | undefined;
  piece: { meta: PieceMeta; tracks: (Track & { id: string })[]; notes: Note[] };
  track: { id: string; name: string } | undefined;
  readOnly: boolean;
  input: MidiInputState;
  inputOn: boolean;
  onInputOn(on: boolean): void;
  /** The bar the piece plays from (0-based), where an import may start instead of at the file's own times. */
  currentBar: number;
  /** The bar under the playhead while the piece plays, else null. */
  playheadBar(): number | null;
}

type Placement = "file" | "bar";

export function MidiControls(p: MidiControlsProps) {
  const trpc = useTRPC();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [placement, setPlacement] = useState<Placement>("file");
  const importInto = useMutation(
    trpc.midi.importIntoTrack.mutationOptions({
      onSuccess: (r, vars) =>
        setMessage({ text: `Imported ${countOf(r.noteCount, "note")} into ${r.trackName}${vars.atBar === undefined ? "" : ` from bar ${vars.atBar + 1}`}`, error: false }),
      onError: (err) => setMessage({ text: errorMessage(err), error: true }),
    }),
  );

  return (
    <div className="group midi" role="group" aria-label="MIDI">
      <button type="button" onClick={() => downloadMidi(p.piece, p.title)}>
        Export MIDI
      </button>
      {!p.readOnly && p.track && (
        <>
          <MidiFileInput
            testId="midi-import-track"
            disabled={importInto.isPending}
            onError={(text) => setMessage({ text, error: true })}
            onFile={(file) => {
              setMessage(null);
              const atBar = placement === "bar" ? (p.playheadBar() ?? p.currentBar) : undefined;
              importInto.mutate({ pieceId: p.pieceId, trackId: p.track!.id, file, atBar });
            }}
          >
            {importInto.isPending ? "Importing…" : `Import MIDI into ${p.track.name}`}
          </MidiFileInput>
          <select
            aria-label="Where the imported notes start"
            title="While the piece plays, an import at the current bar starts at the playhead's bar"
            value={placement}
            onChange={(e) => setPlacement(e.target.value as Placement)}
          >
            <option value="file">at the file&apos;s own times</option>
            <option value="bar">from the current bar ({p.currentBar + 1})</option>
          </select>
        </>
      )}
      {p.input.supported && (
        <label title={p.readOnly ? "You can play along; this piece is view only, so nothing is recorded" : "Keys are recorded into the selected track while the piece plays"}>
          <input type="checkbox" checked={p.inputOn} onChange={(e) => p.onInputOn(e.target.checked)} />
          MIDI keyboard
        </label>
      )}
      {p.inputOn && p.input.supported && !p.input.error && (
        <span className="status" data-testid="midi-inputs">
          {p.input.inputs.length > 0 ? `Listening to ${p.input.inputs.join(", ")}` : "No MIDI keyboard connected"}
        </span>
      )}
      <ErrorAlert error={message?.error ? message.text : p.input.error} />
      {message && !message.error && (
        <span className="status" role="status">
          {message.text}
        </span>
      )}
    </div>
  );
}
