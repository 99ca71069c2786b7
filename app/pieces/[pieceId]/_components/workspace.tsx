"use client";
/** The editor once the piece's document is open: shared state from the doc, local state here. */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ticksPerBar } from "@/lib/time";
import { isDrumTrack } from "@/lib/doc-schema";
import { colourForId } from "@/lib/authorship/author-colours";
import { authorLabels } from "@/lib/authorship/author-labels";
import { sharesOfProvenance } from "@/lib/authorship/shares";
import { PianoRoll } from "@/app/_components/piano-roll/piano-roll";
import type { LoopRegion, Tool } from "@/app/_components/piano-roll/gestures/types";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { DEFAULT_GRID_ID, gridOption } from "@/app/_components/piano-roll/snap";
import type { Collab, ConnectionStatus } from "@/app/_collab/use-collab";
import { useDocVersion } from "@/app/_collab/use-doc-version";
import { useLocalPresence, usePeers } from "@/app/_collab/use-peers";
import { MidiControls } from "@/app/_components/midi/midi-controls";
import { useMidiRecording } from "@/app/_components/midi/use-midi-recording";
import { substituteRegion } from "@/app/_playback/audition";
import { instrumentOf, lastTick } from "@/app/_playback/schedule";
import { setTempo } from "@/app/_playback/tempo";
import { DEFAULT_TRANSPORT, loopRange, playOptions } from "@/app/_playback/transport-settings";
import { usePlayer } from "@/app/_playback/use-player";
import { useTRPC } from "@/app/_trpc/client";
import { EMPTY_REGION, type AiRegion } from "./ai-region";
import { AiPanel } from "./ai-panel";
import { CandidatePanel } from "./candidate-panel";
import { EditTools } from "./edit-tools";
import { loopLabel, loopToBars } from "./loop-bars";
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
import { EMPTY_MIX, type TrackMix } from "./track-mix";
import { Transport } from "./transport";
import { useGhost } from "./use-ghost";
import { useGhostView, useNoteStyle } from "./use-note-style";
import { usePageKeys } from "./use-page-keys";
import { usePieceDoc } from "./use-piece-doc";
import { useUndoManager } from "./use-undo-manager";

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
  const version = useDocVersion(doc);
  const d = usePieceDoc(doc, version);
  const review = useReview(pieceId, d.notes, d.provenance);
  // Viewers and reviewers read; nobody edits a replay of the past.
  const readOnly = piece?.role === "viewer" || piece?.role === "reviewer" || review.replaying;
  const canComment = piece !== undefined && piece.role !== "viewer";
  const me = useMemo(() => ({ id: user.id, name: user.name, colour: colourForId(user.id) }), [user.id, user.name]);
  const peers = usePeers(provider.awareness);
  const selection = peers.find((p) => p.isLocal)?.selection;
  const setPresence = useLocalPresence(provider.awareness, me);
  const history = useUndoManager(doc);
  const player = usePlayer();
  const [transport, setTransport] = useState(DEFAULT_TRANSPORT);
  const [mix, setMix] = useState<TrackMix>(EMPTY_MIX); // this listener's mute / solo (see track-mix.ts)
  const [midiIn, setMidiIn] = useState(false);
  const ghost = useGhost(d.generations);

  const [toolChoice, setTool] = useState<Tool>("draw");
  // Viewers cannot draw; their pointer selects instead.
  const tool: Tool = readOnly && toolChoice === "draw" ? "select" : toolChoice;
  const [trackChoice, setTrack] = useState<string | null>(null);
  const track = d.tracks.find((t) => t.id === trackChoice)?.id ?? d.tracks[0]?.id ?? "melody";
  const [colourByAuthor, setColourByAuthor] = useState(false);
  const [region, setRegion] = useState<AiRegion>(EMPTY_REGION);
  const [currentBar, setCurrentBar] = useState(0);
  const comments = useComments(pieceId);
  const rulerMarks = useMemo(() => commentMarks(comments.data ?? []), [comments.data]);
  const [commentId, setCommentId] = useState<string | null>(null);
  // Editing view state, local to this person (see edit-tools.tsx).
  const [gridId, setGridId] = useState(DEFAULT_GRID_ID);
  const [follow, setFollow] = useState(true);
  const [showVelocity, setShowVelocity] = useState(true);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [hasSelection, setHasSelection] = useState(false);
  const rollCommand = useRef<((a: KeyAction) => void) | null>(null);
  const lastCursor = useRef("");
  const tpb = ticksPerBar(d.meta);
  usePageKeys(rollCommand);

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

  useEffect(() => {
    if (region.range) {
      setPresence("selection", { region: region.range });
      setCurrentBar(region.range.startBar);
    }
  }, [region.range, setPresence]);

  const onCursor = useCallback(
    (c: { tick: number; pitch: number } | null) => {
      // Awareness sends every change at once; only tell others when the cursor crosses a grid cell.
      const rounded = c && { tick: Math.round(c.tick / 60) * 60, pitch: c.pitch };
      const key = JSON.stringify(rounded);
      if (key === lastCursor.current) return;
      lastCursor.current = key;
      setPresence("cursor", rounded);
    },
    [setPresence],
  );

  const notesRef = useRef(d.notes);
  useEffect(() => {
    notesRef.current = d.notes;
  }, [d.notes]);
  const onSelectionChange = useCallback(
    (ids: readonly string[]) => {
      setPresence("selection", { noteIds: [...ids] });
      setHasSelection(ids.length > 0);
      const chosen = new Set(ids); // select-all picks thousands: no ids.includes per note
      const picked = notesRef.current.filter((n) => chosen.has(n.id));
      if (picked.length > 0) setCurrentBar(Math.floor(Math.min(...picked.map((n) => n.start)) / tpb));
    },
    [setPresence, tpb],
  );

  const people = useMemo(() => authorLabels(d.provenance.values()), [d.provenance]);
  const styleOf = useNoteStyle(d.trackMap, d.provenance, people, track, colourByAuthor);
  const active = ghost.active;
  const ghostView = useGhostView(active, ghost.notes, d.trackMap);

  const play = (from: "start" | "bar") =>
    void player.play("piece", d.notes, d.trackMap, d.meta, from === "start" ? 0 : currentBar * tpb, { ...playOptions(transport, d.meta), mix });
  const audition = () => {
    if (!active) return;
    const notes = substituteRegion(d.notes, active.region, ghost.notes, d.meta);
    // Start a bar early so the candidate is heard against what leads into it.
    void player.play("audition", notes, d.trackMap, d.meta, Math.max(0, active.region.startBar - 1) * tpb, { mix });
  };

  // A comment picked on the ruler or in the panel: its bars are shown on the roll and become the current bar.
  const selectComment = (id: string) => {
    const c = comments.data?.find((x) => x.id === id);
    if (!c) return;
    setCommentId(id);
    setRegion((r) => ({ ...r, range: { startBar: c.startBar, endBar: c.endBar } }));
    setCurrentBar(c.startBar);
  };

  const selectedTrack = d.trackMap.get(track);
  const trackIds = useMemo(() => new Set(d.tracks.map((t) => t.id)), [d.tracks]);
  const midiInput = useMidiRecording({
    enabled: midiIn,
    doc,
    track,
    instrument: instrumentOf(selectedTrack),
    canRecord: !readOnly && selectedTrack !== undefined,
    loop: loopRange(transport, d.meta),
    getPlayhead: player.getPlayhead,
    noteOn: player.noteOn,
    noteOff: player.noteOff,
  });

  // One loop: the transport's (whole bars), shown and set in the piano roll too.
  const loop: LoopRegion | null = loopRange(transport, d.meta);
  const onLoopChange = (l: LoopRegion | null) => setTransport((s) => ({ ...s, loop: loopToBars(l, tpb, s.loop) }));
  const playheadBar = () => {
    const tick = player.playing === "piece" ? player.getPlayhead() : null;
    return tick === null ? null : Math.floor(tick / tpb);
  };
  const playToggle = () => (player.playing ? player.stop() : play("bar"));
  // A collaborator's edit (or one's own) while the piece plays is heard at once, without a restart.
  const { refresh, playing } = player;
  useEffect(() => {
    if (playing === "piece") refresh(d.notes, d.trackMap);
  }, [refresh, playing, d.notes, d.trackMap]);
  // A change of tempo, meter, mix, metronome or loop while the piece plays is heard at once.
  const { retune } = player;
  const { bpm, beatsPerBar, beatUnit } = d.meta;
  useEffect(() => {
    const meter = { bpm, beatsPerBar, beatUnit };
    retune(meter, { ...playOptions(transport, meter), mix });
  }, [retune, bpm, beatsPerBar, beatUnit, transport, mix]);

  return (
    <div className="editor">
      <PieceHeader piece={piece} userId={user.id} peers={peers} status={status} />
      <Toolbar
        tracks={d.tracks}
        track={track}
        onTrack={setTrack}
        noteCount={d.notes.length}
        readOnly={readOnly}
        colourByAuthor={colourByAuthor}
        onColourByAuthor={setColourByAuthor}
      />
      <Transport
        playing={player.playing}
        loading={player.loading}
        error={player.error}
        onPlay={play}
        onStop={player.stop}
        currentBar={currentBar}
        bpm={d.meta.bpm}
        onBpm={(bpm) => setTempo(doc, bpm)}
        readOnly={readOnly}
        settings={transport}
        onSettings={setTransport}
      >
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
          playheadBar={playheadBar}
        />
      </Transport>
      <div className="roll-area">
        <EditTools
          tool={tool}
          onTool={setTool}
          gridId={gridId}
          onGrid={setGridId}
          readOnly={readOnly}
          hasSelection={hasSelection}
          run={(a) => rollCommand.current?.(a)}
          follow={follow}
          onFollow={setFollow}
          showVelocity={showVelocity}
          onShowVelocity={setShowVelocity}
          loop={loop}
          loopLabel={loop && loopLabel(loop, tpb)}
          onClearLoop={() => onLoopChange(null)}
          onShortcuts={() => setShortcutsOpen(true)}
        />
        <PianoRoll
          doc={doc}
          history={history}
          meter={d.meta}
          notes={review.notes}
          track={track}
          trackIds={trackIds}
          drumTrack={isDrumTrack(selectedTrack)}
          tool={tool}
          onTool={setTool}
          grid={gridOption(gridId).ticks}
          readOnly={readOnly}
          styleOf={review.styleOf ?? styleOf}
          region={region.range && { ...region.range, pitchLo: region.pitchLo, pitchHi: region.pitchHi }}
          onRegionChange={(range) => setRegion((r) => ({ ...r, range }))}
          ghost={ghostView}
          peers={peers.filter((p) => !p.isLocal)}
          onCursor={onCursor}
          onSelectionChange={onSelectionChange}
          getPlayhead={player.getPlayhead}
          follow={follow}
          onFollowChange={setFollow}
          loop={loop}
          onLoopChange={onLoopChange}
          onPlayToggle={playToggle}
          onShortcuts={() => setShortcutsOpen(true)}
          pasteTick={currentBar * tpb}
          showVelocity={showVelocity}
          rulerMarks={rulerMarks}
          selectedRulerMark={commentId}
          onRulerMark={selectComment}
          commandRef={rollCommand}
        />
      </div>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <aside className="side" aria-label="Panels">
        <TrackPanel doc={doc} tracks={d.tracks} track={track} onTrack={setTrack} mix={mix} onMix={setMix} readOnly={readOnly} />
        <AiPanel
          pieceId={pieceId}
          region={region}
          onRegion={setRegion}
          tracks={d.tracks}
          lastTick={lastTick(d.notes)}
          meter={d.meta}
          tool={tool}
          onTool={setTool}
          readOnly={readOnly}
          onRequested={(id) => ghost.show(id, 0)}
        />
        <CandidatePanel
          pieceId={pieceId}
          generations={d.generations}
          active={active}
          candidateIndex={ghost.candidateIndex}
          onShow={ghost.show}
          ghostCount={ghost.notes.length}
          canAct={!readOnly && piece !== undefined}
          auditioning={player.playing === "audition"}
          onAudition={audition}
          onStopAudition={player.stop}
          onAccepted={(r) => history?.pushAccept(r.added, r.replaced)}
        />
        <ReviewPanel pieceId={pieceId} review={review} canEdit={!readOnly && piece !== undefined} />
        <CommentsPanel
          pieceId={pieceId}
          canComment={canComment}
          currentBar={currentBar}
          selectedNoteId={selection && "noteIds" in selection ? (selection.noteIds[0] ?? null) : null}
          selectedId={commentId}
          onSelect={selectComment}
        />
        <NoteHistoryPanel pieceId={pieceId} selection={selection} cursor={peers.find((p) => p.isLocal)?.cursor} notes={review.notes} docVersion={version} />
        <SharesPanel
          pieceId={pieceId}
          docVersion={version}
          synced={status === "connected"}
          fallback={() => sharesOfProvenance(d.notes.map((n) => n.id), d.provenance)}
          people={people}
        />
      </aside>
    </div>
  );
}
