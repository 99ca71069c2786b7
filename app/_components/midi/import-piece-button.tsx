"use client";
/** "New piece from a MIDI file" on the pieces list: the server makes the piece and writes the file's notes. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { MidiFileInput } from "./midi-file-input";
import { ErrorAlert } from "@/app/_components/error-alert";

export function ImportPieceButton({ onImported }: { onImported(pieceId: string): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const importPiece = useMutation(
    trpc.midi.importPiece.mutationOptions({
      onSuccess: async ({ pieceId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.piece.list.queryKey() });
        onImported(pieceId);
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  return (
    <div className="card row">
      <span className="status" style={{ flex: 1 }}>
        Or start from a Standard MIDI File (.mid): its tracks, tempo and meter come with it.
      </span>
      <MidiFileInput
        testId="midi-import-piece"
        disabled={importPiece.isPending}
        onError={setError}
        onFile={(file) => {
          setError(null);
          importPiece.mutate({ file });
        }}
      >
        {importPiece.isPending ? "Importing…" : "New piece from MIDI file"}
      </MidiFileInput>
      <ErrorAlert error={error} style={{ flexBasis: "100%" }} />
    </div>
  );
}
