"use client";
/** The editor once the piece's document is open: the layout, with the shared document from the Y.Doc and this person's own state in the editor store. */
import { useEffect, useMemo, useState } from "react";
import { colourForId } from "@/lib/authorship/author-colours";
import { authorLabels } from "@/lib/authorship/author-labels";
import type { NoteWithId } from "@/lib/doc-schema";
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
import { useJam } from "@/app/_jam/use-jam";
import { AskBar } from "./ask-bar";
import { ChordRow } from "./chord-row";
import { JamToggle } from "./jam-panel";
import { EmptyPieceGuide } from "./empty-piece-guide";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { PieceHeader, type PieceInfo } from "./piece-header";
import { commentMarks } from "./comment-marks";
import { useComments } from "./use-comments";
import { useReview } from "./use-review";
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
import { useMemberRefresh } from "./use-member-refresh";
import { WorkspacePanels } from "./workspace-panels";
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
  const me = useMemo(() => ({ id: user.id, name: user.name, colour: colourForId(user.id) }), [user.id, user.name]);
  const peers = usePeers(provider.awareness);
  useEditorPresence(store, provider.awareness, me);
  const history = useUndoManager(doc, pieceId);
  const guard = useChangeGuard(user.id, d, names); // asks before other people's notes go or change
  const ghost = useGhost(d.generations);
  const scale = useMemo(() => rollScale(d.meta.key), [d.meta.key]);
  const pieceEnd = useMemo(() => lastTick(d.notes), [d.notes]); // not on each render: the ghosts re-render it while they stream
  const ai = useAiRequest({ pieceId, tracks: d.tracks, notes: d.notes, lastTick: pieceEnd, meter: d.meta, store, onRequested: (id) => ghost.show(id, 0) });
  const playback = usePiecePlayback(store, d, ghost);
  const { player } = playback;
  const track = useTrack(store, d.tracks);
  const colourByAuthor = useEditor(store, (s) => s.colourByAuthor);
  const currentBar = useEditor(store, (s) => s.currentBar);
  const shortcutsOpen = useEditor(store, (s) => s.shortcutsOpen);
  const [midiIn, setMidiIn] = useState(false);
  const [jamOpen, setJamOpen] = useState(false);
  const onKept = (added: readonly NoteWithId[], replaced: readonly NoteWithId[]) => history?.pushAccept(added, replaced);
  const jam = useJam({ pieceId, userId: user.id, jams: d.jams, meter: d.meta, tracks: d.trackMap, player, onKept });
  const jamGhost = useJamGhostView(jam.view, d.meta, d.trackMap);
  const comments = useComments(pieceId);
  const rulerMarks = useMemo(() => commentMarks(comments.data ?? []), [comments.data]);
  const trackIds = useMemo(() => d.tracks.map((t) => t.id), [d.tracks]);
  // Keys pressed in the roll or on the page and the edit tools' buttons: one way in (roll-actions.ts).
  const run = (action: KeyAction) =>
    runRollAction(action, store, { doc, history, notes: review.notes, meter: d.meta, trackIds, readOnly, getPlayhead: player.getPlayhead, playToggle: playback.playToggle, confirmRemoval: guard.confirmRemoval });
  usePageKeys(run);

  useMemberRefresh(pieceId, piece, peers);

  useEffect(() => {
    window.__tandem = { doc };
    return () => {
      if (window.__tandem?.doc === doc) delete window.__tandem;
    };
  }, [doc]);

  const people = useMemo(() => authorLabels(d.provenance.values(), names), [d.provenance, names]);
  const styleOf = useNoteStyle(d.trackMap, d.provenance, names, people, track, colourByAuthor);
  const ghostView = useGhostView(ghost.active, ghost.notes, d.trackMap);

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
    divert: jam.playsIn ? jam.play : null, // the MIDI keyboard of the leader, or of one playing along, plays into the jam
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
          typing={<MusicalTypingToggle play={jam.playsIn ? jam.play : midiInput.play} readOnly={readOnly} />}
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
      <WorkspacePanels
        pieceId={pieceId}
        piece={piece}
        doc={doc}
        d={d}
        version={version}
        status={status}
        store={store}
        viewing={viewing}
        readOnly={readOnly}
        track={track}
        jam={jam}
        jamOpen={jamOpen}
        onJamClose={() => setJamOpen(false)}
        ai={ai}
        ghost={ghost}
        playback={playback}
        history={history}
        review={review}
        guard={guard}
        names={names}
        people={people}
      />
    </div>
  );
}
