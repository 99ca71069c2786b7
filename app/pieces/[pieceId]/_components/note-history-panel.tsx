"use client";
/**
 * The selected note's provenance: who wrote it (or which model, at whose request, accepted by whom) and each change
 * since, in note names, bars and beats and note values (note-words.ts).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { NoteWithId } from "@/lib/doc-schema";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { noteUnder } from "./note-history-target";
import { changeWords, noteWords, type NoteWordsContext } from "./note-words";

type NoteHistory = RouterOutputs["authorship"]["noteHistory"];

const REFRESH_DEBOUNCE_MS = 800;
const STATUS_TEXT: Record<NoteHistory["status"], string> = {
  human: "Human",
  "human-edited": "Human, edited by others",
  ai: "AI-generated",
  "ai-human-edited": "AI-generated, human-edited",
  unknown: "Unknown",
};

export interface NoteHistoryPanelProps {
  pieceId: string;
  /** The editor: the panel follows the notes selected, and with nothing selected the note under the pointer. */
  store: EditorStore;
  notes?: readonly NoteWithId[];
  docVersion: number;
  /** The piece's meter and tracks, for saying where a note is and what changed. */
  words: NoteWordsContext;
}

export function NoteHistoryPanel({ pieceId, store, notes = [], docVersion, words }: NoteHistoryPanelProps) {
  const selection = useEditor(store, (s) => s.selection);
  const cursor = useEditor(store, (s) => s.pointer);
  const ids = useMemo(() => [...selection], [selection]);
  const [picked, setPicked] = useState<string | null>(null);
  const noteId = picked && ids.includes(picked) ? picked : (ids[0] ?? noteUnder(notes, cursor));
  return (
    <section aria-labelledby="note-history-heading" data-testid="note-history">
      <h2 id="note-history-heading">Note history</h2>
      {noteId === null ? (
        <p className="status">Select a note, or point at one, to see who wrote it and who changed it.</p>
      ) : (
        <>
          {ids.length > 1 && (
            <label className="field">
              <span className="status">{ids.length} notes selected; showing</span>
              <select value={noteId} onChange={(e) => setPicked(e.target.value)}>
                {ids.slice(0, 50).map((id, i) => (
                  <option key={id} value={id}>
                    Note {i + 1}
                  </option>
                ))}
              </select>
            </label>
          )}
          <History pieceId={pieceId} noteId={noteId} note={notes.find((n) => n.id === noteId)} docVersion={docVersion} words={words} />
        </>
      )}
      <Link href={`/pieces/${pieceId}/report`} prefetch={false}>
        Contribution report →
      </Link>
    </section>
  );
}

interface HistoryProps {
  pieceId: string;
  noteId: string;
  note: NoteWithId | undefined;
  docVersion: number;
  words: NoteWordsContext;
}

function History({ pieceId, noteId, note, docVersion, words }: HistoryProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const history = useQuery(trpc.authorship.noteHistory.queryOptions({ pieceId, noteId }));
  useEffect(() => {
    const queryKey = trpc.authorship.noteHistory.queryKey({ pieceId, noteId });
    const t = setTimeout(() => void queryClient.invalidateQueries({ queryKey }), REFRESH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [docVersion, pieceId, noteId, queryClient, trpc]);

  if (history.error) return <ErrorAlert error={history.error} />;
  const h = history.data;
  if (!h) return <p className="status">Loading…</p>;
  return (
    <div className="stack note-history">
      <p>
        <strong data-testid="note-history-label">{h.label}</strong> <span className="badge">{STATUS_TEXT[h.status]}</span>
      </p>
      {note && <p data-testid="note-history-note">{noteWords(note, words)}</p>}
      {h.origin?.jam && (
        <p className="status">
          jam · {h.origin.jam.words} · {h.origin.kind === "model" ? `answering ${h.origin.requestedBy?.name ?? "?"} · kept by ${h.origin.acceptedBy.name}` : `played by ${h.origin.by.name}`}
        </p>
      )}
      {h.origin?.kind === "model" && !h.origin.jam && (
        <p className="status">
          {h.origin.mode ?? "generation"} · temperature {h.origin.settings?.temperature ?? "?"} · top-p {h.origin.settings?.topP ?? "?"} ·{" "}
          {h.origin.settings?.repetition !== undefined && `repetition ${h.origin.settings.repetition} · `}
          {h.origin.settings?.guidance !== undefined && `following the controls ${h.origin.settings.guidance} · `}seed{" "}
          {h.origin.settings?.seed ?? "?"} · asked by {h.origin.requestedBy?.name ?? "?"} · accepted by {h.origin.acceptedBy.name}
        </p>
      )}
      <ol className="note-events">
        {h.events.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at.toISOString()} className="status">
              {e.at.toLocaleTimeString()}
            </time>{" "}
            {e.summary}
            {e.changes.length > 0 && <span className="status"> ({e.changes.map((c) => changeWords(c, words, note?.track)).join(", ")})</span>}
          </li>
        ))}
      </ol>
      {h.events.length === 0 && <p className="status">Not saved yet: the history appears within a second.</p>}
    </div>
  );
}
