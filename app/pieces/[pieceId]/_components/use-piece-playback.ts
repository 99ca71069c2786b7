"use client";
/**
 * Playing the piece and auditioning a candidate, with this listener's transport settings (from the
 * editor store) and mute / solo (track-mix.ts); edits and setting changes are heard at once while it plays.
 */
import { useEffect, useState } from "react";
import { ticksPerBar } from "@/lib/time";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { usePieceSyncState } from "@/app/_collab/use-sync-state";
import { whenIdleAfterPaint } from "@/app/_components/after-paint";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import { substituteRegion } from "@/app/_playback/audition";
import { playOptions } from "@/app/_playback/transport-settings";
import { usePlayer } from "@/app/_playback/use-player";
import { EMPTY_MIX, type TrackMix } from "./track-mix";
import type { useGhost } from "./use-ghost";
import type { PieceSnapshot } from "./use-piece-doc";

/** The candidate on show (use-ghost.ts): audition plays it in place of its region. */
type Candidate = Pick<ReturnType<typeof useGhost>, "active" | "notes">;

export function usePiecePlayback(store: EditorStore, d: PieceSnapshot, ghost: Candidate) {
  const player = usePlayer();
  const transport = useEditor(store, (s) => s.transport);
  const [mix, setMix] = useState<TrackMix>(EMPTY_MIX);
  const tpb = ticksPerBar(d.meta);

  const play = (from: "start" | "bar") => {
    const at = from === "start" ? 0 : store.getState().currentBar * tpb;
    void player.play("piece", d.notes, d.trackMap, d.meta, at, { ...playOptions(transport, d.meta), mix });
  };
  const audition = () => {
    const { active } = ghost;
    if (!active) return;
    const notes = substituteRegion(d.notes, active.region, ghost.notes, d.meta);
    // Start a bar early so the candidate is heard against what leads into it.
    void player.play("audition", notes, d.trackMap, d.meta, Math.max(0, active.region.startBar - 1) * tpb, { mix });
  };
  const playToggle = () => (player.playing ? player.stop() : play("bar"));
  /** The bar under the playhead while the piece plays, else null. */
  const playheadBar = () => {
    const tick = player.playing === "piece" ? player.getPlayhead() : null;
    return tick === null ? null : Math.floor(tick / tpb);
  };

  // The sampled instruments load once the piece has opened and shows (their main-thread work no longer delays its
  // notes), before anyone presses Play: the first Play starts at once.
  const { refresh, playing, retune, preload } = player;
  const { loaded } = usePieceSyncState();
  useEffect(() => (loaded ? whenIdleAfterPaint(preload) : undefined), [loaded, preload]);
  // A collaborator's edit (or one's own) while the piece plays is heard at once, without a restart.
  useEffect(() => {
    if (playing === "piece") refresh(d.notes, d.trackMap);
  }, [refresh, playing, d.notes, d.trackMap]);
  // A change of tempo, meter, mix, metronome or loop while the piece plays is heard at once.
  const { bpm, beatsPerBar, beatUnit } = d.meta;
  useEffect(() => {
    const meter = { bpm, beatsPerBar, beatUnit };
    retune(meter, { ...playOptions(transport, meter), mix });
  }, [retune, bpm, beatsPerBar, beatUnit, transport, mix]);

  return { player, transport, mix, setMix, play, audition, playToggle, playheadBar };
}
