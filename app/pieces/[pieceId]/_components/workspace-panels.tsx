"use client";
/** The workspace's side panels: the jam, tracks, settings, AI, candidates, review, comments, a note's history and the shares. */
import type * as Y from "yjs";
import type { PeopleNames } from "@/lib/authorship/people-names";
import { sharesOfProvenance } from "@/lib/authorship/shares";
import { pieceTonic } from "@/lib/controls";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import type { PersonalHistory } from "@/app/_components/piano-roll/history";
import type { ConnectionStatus } from "@/app/_collab/use-collab";
import type { Jam } from "@/app/_jam/use-jam";
import { AiPanel } from "./ai-panel";
import { CandidatePanel } from "./candidate-panel";
import { CommentsPanel } from "./comments-panel";
import { JamPanel } from "./jam-panel";
import { NoteHistoryPanel } from "./note-history-panel";
import type { PieceInfo } from "./piece-header";
import { PieceSettings } from "./piece-settings";
import { ReviewPanel } from "./review-panel";
import { SharesPanel } from "./shares-panel";
import { TrackPanel } from "./track-panel";
import type { AiRequest } from "./use-ai-request";
import type { ChangeGuard } from "./use-change-guard";
import { useComments } from "./use-comments";
import type { useGhost } from "./use-ghost";
import type { PieceSnapshot } from "./use-piece-doc";
import type { usePiecePlayback } from "./use-piece-playback";
import type { Review } from "./use-review";

export interface WorkspacePanelsProps {
  pieceId: string;
  piece: PieceInfo | undefined;
  doc: Y.Doc;
  d: PieceSnapshot;
  /** The doc's version, for the panels that ask the server again when the piece changes. */
  version: number;
  status: ConnectionStatus;
  store: EditorStore;
  /** A viewer's, a reviewer's or a replay's: nothing to play or ask for. */
  viewing: boolean;
  readOnly: boolean;
  track: string;
  jam: Jam;
  jamOpen: boolean;
  onJamClose(): void;
  ai: AiRequest;
  ghost: ReturnType<typeof useGhost>;
  playback: ReturnType<typeof usePiecePlayback>;
  history: PersonalHistory | null;
  review: Review;
  guard: ChangeGuard;
  names: PeopleNames;
  people: ReadonlyMap<string, string>;
}

export function WorkspacePanels(p: WorkspacePanelsProps) {
  const { pieceId, piece, doc, d, store, readOnly, track, jam, ghost, playback, history, guard } = p;
  const { player } = playback;
  const currentBar = useEditor(store, (s) => s.currentBar);
  const selectedNote = useEditor(store, (s) => s.selection.values().next().value ?? null);
  const commentId = useEditor(store, (s) => s.commentId);
  const comments = useComments(pieceId); // the workspace's own query (its ruler marks), shared

  // A comment picked in the panel: its bars are shown on the roll and become the current bar.
  const selectComment = (id: string) => {
    const c = comments.data?.find((x) => x.id === id);
    if (c) store.pickComment(c);
  };

  return (
    <aside className="side" aria-label="Panels">
      {(p.jamOpen || jam.view) && (
        <JamPanel
          jam={jam}
          tracks={d.tracks}
          trackMap={d.trackMap}
          defaults={{ bpm: d.meta.bpm, track, selection: p.ai.region.range }}
          tonicOf={() => pieceTonic(d.notes, d.tracks)}
          watchOnly={p.viewing ? "Reviewers and viewers can watch and listen to a jam, not play in it." : readOnly ? "The piece is not ready to edit yet." : null}
          owner={piece?.role === "owner"}
          onClose={p.onJamClose}
        />
      )}
      <TrackPanel confirmRemoval={guard.confirmRemoval} doc={doc} tracks={d.tracks} track={track} onTrack={store.setTrack} mix={playback.mix} onMix={playback.setMix} readOnly={readOnly} />
      <PieceSettings doc={doc} meta={d.meta} notes={d.notes} tracks={d.trackMap} readOnly={readOnly} />
      <AiPanel pieceId={pieceId} tracks={d.tracks} store={store} readOnly={p.viewing} ai={p.ai} />
      <CandidatePanel
        pieceId={pieceId}
        generations={d.generations}
        active={ghost.active}
        candidateIndex={ghost.candidateIndex}
        onShow={ghost.show}
        ghostCount={ghost.notes.length}
        canAct={!readOnly && piece !== undefined}
        auditioning={player.playing === "audition"}
        onAudition={playback.audition}
        onStopAudition={player.stop}
        onAccepted={(r) => history?.pushAccept(r.added, r.replaced)}
        confirmAccept={guard.confirmAccept}
      />
      <ReviewPanel pieceId={pieceId} review={p.review} canEdit={!readOnly && piece !== undefined} history={history} confirmChanges={guard.confirmChanges} />
      <CommentsPanel
        pieceId={pieceId}
        canComment={piece !== undefined && piece.role !== "viewer"}
        currentBar={currentBar}
        selectedNoteId={selectedNote}
        selectedId={commentId}
        onSelect={selectComment}
      />
      <NoteHistoryPanel pieceId={pieceId} store={store} notes={p.review.notes} docVersion={p.version} words={{ meter: d.meta, tracks: d.trackMap }} />
      <SharesPanel
        pieceId={pieceId}
        docVersion={p.version}
        synced={p.status === "connected"}
        fallback={() => sharesOfProvenance(d.notes.map((n) => n.id), d.provenance, p.names)}
        people={p.people}
      />
    </aside>
  );
}
