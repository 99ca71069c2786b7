"use client";
/**
 * The jam in this piece, for the editor (issue 16): which jam is on show and who leads it, the server's clock, the
 * jam's tRPC calls (start, play, stop, keep, discard), the leader's playing routed into the take, and the jam heard on
 * this player's speakers (the leader's always, anyone else's once they press Listen, audio needing their gesture).
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Instrument, NoteWithId, Track } from "@/lib/doc-schema";
import type { JamSettings } from "@/lib/jam/settings";
import type { JamView } from "@/lib/jam/view";
import type { Meter } from "@/lib/time";
import { instrumentOf } from "@/app/_playback/schedule";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import type { JamVoices } from "./jam-player";
import { jamOnShow } from "./jam-progress";
import { listenDelayMs } from "./jam-schedule";
import { useJamRecorder } from "./use-jam-recorder";
import { useJamSound } from "./use-jam-sound";
import { useServerClock } from "./use-server-clock";

export interface JamOptions {
  pieceId: string;
  userId: string;
  jams: readonly JamView[];
  meter: Meter;
  tracks: ReadonlyMap<string, Track>;
  player: {
    voices(): Promise<JamVoices>;
    noteOn(instrument: Instrument, pitch: number, velocity: number): void;
    noteOff(instrument: Instrument, pitch: number): void;
  };
  /** A take this person kept: the notes it wrote and those it replaced (one step of their undo). */
  onKept?(added: readonly NoteWithId[], replaced: readonly NoteWithId[]): void;
}

export function useJam({ pieceId, userId, jams, meter, tracks, player, onKept }: JamOptions) {
  const trpc = useTRPC();
  const view = jamOnShow(jams);
  const leader = view !== null && view.leaderId === userId;
  const leading = leader && view.status === "playing";
  // Someone else who joined to play along on a track of their own (lib/jam/take.ts Along).
  const along = (!leader && view?.alongs?.find((a) => a.userId === userId)) || null;
  const playingAlong = along !== null && view?.status === "playing";
  const [listening, setListening] = useState(false);
  // The leader hears the metronome unless they turn it off; anyone else only if they turn it on.
  const [metronomeChoice, setMetronome] = useState<boolean | null>(null);
  const metronome = metronomeChoice ?? leader;
  const start = useMutation(trpc.jam.start.mutationOptions());
  const played = useMutation(trpc.jam.play.mutationOptions());
  const stop = useMutation(trpc.jam.stop.mutationOptions());
  const keep = useMutation(trpc.jam.keep.mutationOptions());
  const join = useMutation(trpc.jam.join.mutationOptions());
  const discard = useMutation(trpc.jam.discard.mutationOptions());
  const clock = useServerClock(pieceId, view !== null || start.isPending);

  // One who plays along hears the jam as a listener does, a bar or two behind: their notes go in at the time they heard.
  const behind = playingAlong && view ? listenDelayMs(view.clock) : 0;
  const recorder = useJamRecorder({
    jamId: leading || playingAlong ? view.id : null,
    beatMs: view?.clock.beatMs ?? 500,
    instrument: instrumentOf(view ? tracks.get(along?.track ?? view.settings.playerTrack) : undefined),
    serverNow: () => clock.now() - behind,
    send: (jamId, notes) => played.mutateAsync({ pieceId, jamId, notes }),
    noteOn: player.noteOn,
    noteOff: player.noteOff,
  });
  const soundError = useJamSound({ view, on: leading || listening || playingAlong, leading, userId, metronome, meter, tracks, serverNow: clock.now, voices: player.voices });

  // Audio may only start from a gesture: each button that leads to sound wakes the voices on its click.
  const wake = () => void player.voices().catch(() => undefined);
  const ref = view && { pieceId, jamId: view.id };
  const error = start.error ?? stop.error ?? keep.error ?? discard.error ?? join.error;

  return {
    view,
    userId,
    /** This person leads the jam on show (playing or stopped). */
    leader,
    /** This person leads the jam on show and it plays: their keys go into the take. */
    leading,
    synced: clock.synced,
    serverNow: clock.now,
    /** The track this person plays along on, or null. */
    along: along?.track ?? null,
    /** The leader's keys, or those of one playing along, go into the take: play() is where the keys go. */
    playsIn: leading || playingAlong,
    /** Their keys (musical typing, Web MIDI, the on-screen keyboard): heard at once and recorded. */
    play: recorder.play,
    busy: start.isPending || stop.isPending || keep.isPending || discard.isPending || join.isPending,
    error: error ? errorMessage(error) : soundError,
    listening,
    setListening(on: boolean) {
      if (on) wake();
      setListening(on);
    },
    metronome,
    setMetronome,
    start(settings: JamSettings) {
      wake();
      start.mutate({ pieceId, settings });
    },
    async stop() {
      if (!ref) return;
      await recorder.finish(); // the last notes reach the take before it stops
      stop.mutate(ref);
    },
    keep: () => ref && keep.mutate(ref, { onSuccess: (kept) => onKept?.(kept.added, kept.replaced) }),
    /** Plays along on `track`: the sound comes on, heard as a listener hears it. */
    joinAlong(track: string) {
      if (!ref) return;
      wake();
      join.mutate({ ...ref, track });
    },
    discard: () => ref && discard.mutate(ref),
  };
}

export type Jam = ReturnType<typeof useJam>;
