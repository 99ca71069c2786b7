"use client";
/** Play / stop / audition for the editor, and the playhead for the piano roll's render loop. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Note, Track } from "@/lib/doc-schema";
import { createPlayer, type Player } from "./player";
import { lastTick, scheduleNotes, tickAfter } from "./schedule";
import { secondsPerTick } from "@/lib/time";

export type PlayingWhat = null | "piece" | "audition";

export function usePlayer() {
  const player = useRef<Player | null>(null);
  const from = useRef<{ tick: number; bpm: number }>({ tick: 0, bpm: 100 });
  const [playing, setPlaying] = useState<PlayingWhat>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => player.current?.dispose(), []);

  const play = useCallback(
    async (what: Exclude<PlayingWhat, null>, notes: readonly Note[], tracks: ReadonlyMap<string, Track>, bpm: number, fromTick: number) => {
      player.current ??= createPlayer();
      const events = scheduleNotes(notes, tracks, bpm, fromTick);
      const end = Math.max(lastTick(notes), fromTick);
      from.current = { tick: fromTick, bpm };
      setError(null);
      setPlaying(what);
      try {
        await player.current.play({ events, fromTick, bpm, durationSeconds: (end - fromTick) * secondsPerTick(bpm) }, () =>
          setPlaying(null),
        );
      } catch (err) {
        setPlaying(null);
        setError(err instanceof Error ? `Audio could not start: ${err.message}` : "Audio could not start");
      }
    },
    [],
  );

  const stop = useCallback(() => {
    player.current?.stop();
    setPlaying(null);
  }, []);

  const getPlayhead = useCallback((): number | null => {
    const s = player.current?.elapsed() ?? null;
    return s === null ? null : tickAfter(from.current.tick, s, from.current.bpm);
  }, []);

  return { playing, error, play, stop, getPlayhead };
}
