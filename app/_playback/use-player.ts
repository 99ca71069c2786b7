"use client";
/** Play / stop / audition for the editor, and the playhead for the piano roll's render loop. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Instrument, Note, Track } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import { SOUND_LOAD_ERROR } from "./instruments";
import { createPlayer, type Player } from "./player";
import { buildSchedule, type PlayOptions, type Schedule } from "./schedule";

export type PlayingWhat = null | "piece" | "audition";

declare global {
  interface Window {
    /** For end-to-end tests: the last schedule handed to Tone, what it was for, and the playhead (tick) now. */
    __tandemPlayback?: { what: Exclude<PlayingWhat, null>; schedule: Schedule; playhead(): number | null };
  }
}

/** What the toolbar says when playback fails: sounds that did not load (fetched again on the next Play), or audio that would not start. */
export function playbackProblem(err: unknown): string {
  if (err instanceof Error && err.name === SOUND_LOAD_ERROR) return `The sounds could not be loaded (${err.message}); check the connection and press Play to try again`;
  return `Audio could not start${err instanceof Error || err ? `: ${err instanceof Error ? err.message : String(err)}` : ""}`;
}

export function usePlayer() {
  const player = useRef<Player | null>(null);
  // What the piece is playing from: retune restarts from the playhead with it, refresh rebuilds it with new notes.
  const last = useRef<{
    notes: readonly Note[];
    tracks: ReadonlyMap<string, Track>;
    meter: Meter & { bpm: number };
    fromTick: number;
    options: PlayOptions;
  } | null>(null);

  // The notes and tracks last seen: edits that arrive while the sounds load are applied once playback starts.
  const latest = useRef<{ notes: readonly Note[]; tracks: ReadonlyMap<string, Track> } | null>(null);
  const [playing, setPlaying] = useState<PlayingWhat>(null);
  const [loading, setLoading] = useState(false); // the sounds are loading (the Play button says so)
  const loaded = useRef(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => player.current?.dispose(), []);

  /** Loads the sampled instruments now (the editor opened), so the first Play need not wait for them. */
  const preload = useCallback(() => {
    player.current ??= createPlayer();
    setLoading(true);
    player.current.preload().then(
      () => {
        loaded.current = true;
        setLoading(false);
      },
      (err: unknown) => {
        setLoading(false);
        setError(playbackProblem(err));
      },
    );
  }, []);

  /**
   * While the piece plays, the notes or tracks changed (a collaborator's edit, or one's own): what is yet to
   * play follows them at once, without a restart. Does nothing when stopped or auditioning.
   */
  const refresh = useCallback((notes: readonly Note[], tracks: ReadonlyMap<string, Track>) => {
    latest.current = { notes, tracks };
    const p = player.current;
    const was = last.current;
    if (!p || !was || (was.notes === notes && was.tracks === tracks)) return;
    const schedule = buildSchedule(notes, tracks, was.meter, was.fromTick, was.options);
    if (!p.update(schedule)) return;
    last.current = { ...was, notes, tracks };
    window.__tandemPlayback = { what: "piece", schedule, playhead: () => p.playhead() };
  }, []);

  const play = useCallback(
    async (
      what: Exclude<PlayingWhat, null>,
      notes: readonly Note[],
      tracks: ReadonlyMap<string, Track>,
      meter: Meter & { bpm: number },
      fromTick: number,
      options: PlayOptions = {},
    ) => {
      player.current ??= createPlayer();
      last.current = what === "piece" ? { notes, tracks, meter, fromTick, options } : null;
      latest.current = { notes, tracks };
      const schedule = buildSchedule(notes, tracks, meter, fromTick, options);
      const p = player.current;
      window.__tandemPlayback = { what, schedule, playhead: () => p.playhead() };
      setError(null);
      if (!loaded.current) setLoading(true);
      setPlaying(what);
      try {
        await player.current.play(schedule, () => setPlaying(null));
        loaded.current = true;
        const now = latest.current;
        if (what === "piece" && now && (now.notes !== notes || now.tracks !== tracks)) refresh(now.notes, now.tracks);
      } catch (err) {
        setPlaying(null);
        setError(playbackProblem(err));
      } finally {
        setLoading(false);
      }
    },
    [refresh],
  );

  const stop = useCallback(() => {
    player.current?.stop();
    setPlaying(null);
  }, []);

  /**
   * While the piece plays, a change of tempo, mix, metronome or loop is heard at once: playback goes on from
   * the playhead under the new settings (without a second count-in). Does nothing when stopped or auditioning.
   */
  const retune = useCallback(
    (meter: Meter & { bpm: number }, options: PlayOptions) => {
      const tick = player.current?.playhead();
      if (!last.current || tick === null || tick === undefined) return;
      const { notes, tracks } = latest.current ?? last.current;
      void play("piece", notes, tracks, meter, Math.floor(tick), { ...options, countIn: false });
    },
    [play],
  );

  const getPlayhead = useCallback((): number | null => player.current?.playhead() ?? null, []);

  const noteOn = useCallback((instrument: Instrument, pitch: number, velocity: number) => {
    player.current ??= createPlayer();
    player.current.noteOn(instrument, pitch, velocity).catch((err: unknown) => setError(playbackProblem(err)));
  }, []);
  const noteOff = useCallback((instrument: Instrument, pitch: number) => player.current?.noteOff(instrument, pitch), []);
  /** A live jam's voices (app/_jam/use-jam-sound.ts); rejects when the sounds cannot load or audio cannot start. */
  const voices = useCallback(() => (player.current ??= createPlayer()).voices(), []);

  return { playing, loading, error, preload, play, stop, retune, refresh, getPlayhead, noteOn, noteOff, voices };
}
