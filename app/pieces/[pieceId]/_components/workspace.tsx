"use client";
/** The editor once the piece's document is open: the layout, with the shared document from the Y.Doc and this person's own state in the editor store. */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { colourForId } from "@/lib/authorship/author-colours";
import { authorLabels } from "@/lib/authorship/author-labels";
import { sharesOfProvenance } from "@/lib/authorship/shares";
import { PianoRoll } from "@/app/_components/piano-roll/piano-roll";
import { rollScale } from "@/app/_components/piano-roll/roll-scale";
import { createEditorStore } from "@/app/_components/piano-roll/editor-store";
import { runRollAction } from "@/app/_components/piano-roll/roll-actions";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { useEditor, useTrack } from "@/app/_components/piano-roll/use-editor";
import type { Collab, ConnectionStatus } from "@/app/_collab/use-collab";
import { useDocVersion } from "@/app/_collab/use-doc-version";
import { isFinal } from "@/app/_collab/final-status";
import { useSyncState } from "@/app/_collab/use-sync-state";
import { usePeers } from "@/app/_collab/use-peers";
import { MidiControls } from "@/app/_components/midi/midi-controls";
import { useMidiRecording } from "@/app/_components/midi/use-midi-recording";
import { MusicalTypingToggle } from "@/app/_components/midi/musical-typing-toggle";
import { instrumentOf, lastTick } from "@/app/_playback/schedule";
import { setTempo } from "@/app/_playback/tempo";
import { loopRange } from "@/app/_playback/transport-settings";
import { useTRPC } from "@/app/_trpc/client";
import { useJam } from "@/app/_jam/use-jam";
import { pieceTonic } from "@/lib/controls";
import { AiPanel } from "./ai-panel";
import { AskBar } from "./ask-bar";
import { CandidatePanel } from "./candidate-panel";
import { ChordRow } from "./chord-row";
import { JamPanel, JamToggle } from "./jam-panel";
import { PieceSettings } from "./piece-settings";
import { EmptyPieceGuide } from "./empty-piece-guide";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { TrackPanel } from "./track-panel";
import { PieceHeader, type PieceInfo } from "./piece-header";
import { SharesPanel } from "./shares-panel";
import { NoteHistoryPanel } from "./note-history-panel";
import { CommentsPanel } from "./comments-panel";
import { commentMarks } from "./comment-marks";
import { useComments } from "./use-comments";
import { useReview } from "./use-review";
import { ReviewPanel } from "./review-panel";
import { Toolbar } from "./toolbar";
import { useAiRequest } from "./use-ai-request";
import { useGhost } from "./use-ghost";
import { useGhostView, useJamGhostView, useNoteStyle } from "./use-note-style";
import { usePageKeys } from "./use-page-keys";
import { usePeopleNames } from "./use-people-names";
import { usePieceDoc } from "./use-piece-doc";
import { useEditorPresence } from "./use-editor-presence";
import { usePiecePlayback } from "./use-piece-playback";
import { useUndoManager } from "./use-undo-manager";
import { useChangeGuard } from "./use-change-guard";
import styles from "./workspace.module.css";

declare global {
  interface Window {
    /** For end-to-end tests: the piece's live Y.Doc. */
    __tandem?: { doc: import("yjs").Doc };
  }
}

export interface WorkspaceProps {
  pieceId: string;
  user: { id: string; name: string };
  collab: Collab;
  status: ConnectionStatus;
  piece: PieceInfo | undefined;
}

export function Workspace({ pieceId, user, collab, status, piece }: WorkspaceProps) {
  const { doc, provider } = collab;
  const [store] = useState(createEditorStore); // one per piece: the page keys Workspace by the piece
  const version = useDocVersion(doc);
  const d = usePieceDoc(doc, version);
  const names = usePeopleNames(pieceId, piece, d.provenance);
  const review = useReview(pieceId, d.notes, d.provenance, names);
  // Viewers and reviewers read; nobody edits a replay of the past.
  const viewing = piece?.role === "viewer" || piece?.role === "reviewer" || review.replaying;
  // Nor a doc that never synced: it is empty until the server's copy comes, so an edit would be made blind to the piece
  // (no track to put a note on, nothing to move). Once synced, editing goes on offline (unsynced-edits.ts) until the
  // page stops syncing for good.
  const sync = useSyncState(collab.edits);
  const readOnly = viewing || !sync.loaded || isFinal(status);
  const canComment = piece !== undefined && piece.role !== "viewer";
  const me = useMemo(() => ({ id: user.id, name: user.name, colour: colourForId(user.id) }), [user.id, user.name]);
  const peers = usePeers(provider.awareness);
  useEditorPresence(store, provider.awareness, me);
  const history = useUndoManager(doc, pieceId);
  const guard = useChangeGuard(user.id, d, names); // asks before other people's notes go or change
  const ghost = useGhost(d.generations);
  const scale = useMemo(() => rollScale(d.meta.key), [d.meta.key]);
  const ai = useAiRequest({ pieceId, tracks: d.tracks, notes: d.notes, lastTick: lastTick(d.notes), meter: d.meta, store, onRequested: (id) => ghost.show(id, 0) });
  const playback = usePiecePlayback(store, d, ghost);
  const { player } = playback;
  const track = useTrack(store, d.tracks);
  const colourByAuthor = useEditor(store, (s) => s.colourByAuthor);
  const currentBar = useEditor(store, (s) => s.currentBar);
  const selectedNote = useEditor(store, (s) => s.selection.values().next().value ?? null);
  const commentId = useEditor(store, (s) => s.commentId);
  const shortcutsOpen = useEditor(store, (s) => s.shortcutsOpen);
  const [midiIn, setMidiIn] = useState(false);
  const [jamOpen, setJamOpen] = useState(false);
  const jam = useJam({ pieceId, userId: user.id, jams: d.jams, meter: d.meta, tracks: d.trackMap, player });
  const jamGhost = useJamGhostView(jam.view, d.meta, d.trackMap);
  const comments = useComments(pieceId);
  const rulerMarks = useMemo(() => commentMarks(comments.data ?? []), [comments.data]);
  const trackIds = useMemo(() => d.tracks.map((t) => t.id), [d.tracks]);
  // Keys pressed in the roll or on the page and the edit tools' buttons: one way in (roll-actions.ts).
  const run = (action: KeyAction) =>
    runRollAction(action, store, { doc, history, notes: review.notes, meter: d.meta, trackIds, readOnly, getPlayhead: player.getPlayhead, playToggle: playback.playToggle, confirmRemoval: guard.confirmRemoval });
  usePageKeys(run);

  // Someone new is here (they just accepted an invite): the member list is out of date.
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const strangers = peers.some((p) => piece && !piece.members.some((m) => m.userId === p.user.id));
  useEffect(() => {
    if (strangers) void queryClient.invalidateQueries({ queryKey: trpc.piece.get.queryKey({ pieceId }) });
  }, [strangers, queryClient, trpc, pieceId]);

  useEffect(() => {
    window.__tandem = { doc };
    return () => {
      if (window.__tandem?.doc === doc) delete window.__tandem;
    };
  }, [doc]);

  const people = useMemo(() => authorLabels(d.provenance.values(), names), [d.provenance, names]);
  const styleOf = useNoteStyle(d.trackMap, d.provenance, names, people, track, colourByAuthor);
  const ghostView = useGhostView(ghost.active, ghost.notes, d.trackMap);

  // A comment picked in the panel: its bars are shown on the roll and become the current bar.
  const selectComment = (id: string) => {
    const c = comments.data?.find((x) => x.id === id);
    if (c) store.pickComment(c);
  };

  const selectedTrack = d.trackMap.get(track);
  const midiInput = useMidiRecording({
    enabled: midiIn,
    doc,
    track,
    instrument: instrumentOf(selectedTrack),
    canRecord: !readOnly && selectedTrack !== undefined,
    loop: loopRange(playback.transport, d.meta),
    getPlayhead: player.getPlayhead,
    noteOn: player.noteOn,
    noteOff: player.noteOff,
    divert: jam.leading ? jam.play : null, // the leader's MIDI keyboard plays into the jam
  });

  return (
    <div className="editor">
      <PieceHeader piece={piece} userId={user.id} peers={peers} status={status} />
      <main className={styles.main}>
        <Toolbar
          store={store}
          tracks={d.tracks}
          noteCount={d.notes.length}
          readOnly={readOnly}
          run={run}
          history={history}
          playbackError={player.error}
          transport={{
            playing: player.playing,
            loading: player.loading,
            onPlay: playback.play,
            onStop: player.stop,
            currentBar,
            bpm: d.meta.bpm,
            onBpm: (bpm) => setTempo(doc, bpm),
            meter: d.meta,
            readOnly,
            settings: playback.transport,
            onSettings: store.setTransport,
            onLoopSelection: () => run({ kind: "loop-toggle" }),
          }}
          typing={<MusicalTypingToggle play={jam.leading ? jam.play : midiInput.play} readOnly={readOnly} />}
          jam={<JamToggle open={jamOpen || jam.view !== null} live={jam.view !== null} onOpen={setJamOpen} />}
          midi={
            <MidiControls
              pieceId={pieceId}
              title={piece?.title}
              piece={d}
              track={selectedTrack && { id: track, name: selectedTrack.name }}
              readOnly={readOnly}
              input={midiInput}
              inputOn={midiIn}
              onInputOn={setMidiIn}
              currentBar={currentBar}
              playheadBar={playback.playheadBar}
            />
          }
        />
        <div className="roll-area">
          <ChordRow doc={doc} store={store} notes={review.notes} tracks={d.trackMap} meta={d.meta} chords={d.chords} readOnly={readOnly} />
          <PianoRoll
            doc={doc}
            store={store}
            meter={d.meta}
            notes={review.notes}
            tracks={d.tracks}
            readOnly={readOnly}
            styleOf={review.styleOf ?? styleOf}
            ghost={jamGhost ?? ghostView}
            peers={peers.filter((p) => !p.isLocal)}
            rulerMarks={rulerMarks}
            getPlayhead={player.getPlayhead}
            scale={scale}
            confirmRemoval={guard.confirmRemoval}
            run={run}
          >
            {!viewing && <AskBar store={store} meter={d.meta} ai={ai} />}
            {!readOnly && d.notes.length === 0 && <EmptyPieceGuide store={store} />}
          </PianoRoll>
        </div>
        <ShortcutsDialog open={shortcutsOpen} onClose={() => store.setShortcutsOpen(false)} />
        {guard.dialog}
      </main>
      <aside className="side" aria-label="Panels">
        {(jamOpen || jam.view) && (
          <JamPanel
            jam={jam}
            tracks={d.tracks}
            trackMap={d.trackMap}
            defaults={{ bpm: d.meta.bpm, track, selection: ai.region.range }}
            tonicOf={() => pieceTonic(d.notes, d.tracks)}
            watchOnly={viewing ? "Reviewers and viewers can watch and listen to a jam, not play in it." : readOnly ? "The piece is not ready to edit yet." : null}
            owner={piece?.role === "owner"}
            onClose={() => setJamOpen(false)}
          />
        )}
        <TrackPanel confirmRemoval={guard.confirmRemoval} doc={doc} tracks={d.tracks} track={track} onTrack={store.setTrack} mix={playback.mix} onMix={playback.setMix} readOnly={readOnly} />
        <PieceSettings doc={doc} meta={d.meta} notes={d.notes} tracks={d.trackMap} readOnly={readOnly} />
        <AiPanel pieceId={pieceId} tracks={d.tracks} store={store} readOnly={viewing} ai={ai} />
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
        <ReviewPanel pieceId={pieceId} review={review} canEdit={!readOnly && piece !== undefined} history={history} confirmChanges={guard.confirmChanges} />
        <CommentsPanel
          pieceId={pieceId}
          canComment={canComment}
          currentBar={currentBar}
          selectedNoteId={selectedNote}
          selectedId={commentId}
          onSelect={selectComment}
        />
        <NoteHistoryPanel pieceId={pieceId} store={store} notes={review.notes} docVersion={version} words={{ meter: d.meta, tracks: d.trackMap }} />
        <SharesPanel
          pieceId={pieceId}
          docVersion={version}
          synced={status === "connected"}
          fallback={() => sharesOfProvenance(d.notes.map((n) => n.id), d.provenance, names)}
          people={people}
        />
      </aside>
    </div>
  );
}
