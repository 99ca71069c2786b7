"use client";
/**
 * Hearing a live jam: while `on`, the jam's sounds (jam-schedule.ts) play on the shared clock through the player's
 * voices. Each model bar's arrival here is noted as the view brings it, so a bar that came too late stays silent.
 */
import { useEffect, useRef, useState } from "react";
import type { Track } from "@/lib/doc-schema";
import type { JamView } from "@/lib/jam/view";
import type { Meter } from "@/lib/time";
import { startJamPlayer, type JamVoices } from "./jam-player";
import { heldNoteEnd, jamSounds } from "./jam-schedule";

export interface JamSoundOptions {
  view: JamView | null;
  on: boolean;
  leading: boolean;
  /** Who listens: their own notes, played along, sound from their keys, not from here. */
  userId: string;
  metronome: boolean;
  meter: Meter;
  tracks: ReadonlyMap<string, Track>;
  serverNow(): number;
  voices(): Promise<JamVoices>;
}

/** Why the jam cannot be heard (the sounds did not load), or null. */
export function useJamSound(o: JamSoundOptions): string | null {
  const latest = useRef(o);
  const arrivals = useRef({ jamId: "", at: new Map<number, number>() });
  const [error, setError] = useState<string | null>(null);
  const jamId = o.view?.id ?? null;
  useEffect(() => {
    latest.current = o;
    if (!o.view) return;
    if (arrivals.current.jamId !== o.view.id) arrivals.current = { jamId: o.view.id, at: new Map() };
    const { at } = arrivals.current;
    for (const bar of o.view.bars) if (!at.has(bar.takeBar)) at.set(bar.takeBar, o.serverNow());
  });

  const { on, leading, metronome, userId } = o;
  useEffect(() => {
    if (!on || !jamId) return;
    let stop: (() => void) | null = null;
    let gone = false;
    latest.current
      .voices()
      .then((voices) => {
        if (gone) return;
        setError(null);
        stop = startJamPlayer({
          voices,
          serverNow: () => latest.current.serverNow(),
          sounds: (from, to) => {
            const { view, meter, tracks } = latest.current;
            return view && view.id === jamId ? jamSounds(view, meter, tracks, from, to, { leader: leading, userId, metronome, arrivals: arrivals.current.at }) : [];
          },
          heldEnd: (s) => {
            const { view, serverNow } = latest.current;
            return view && view.id === jamId ? heldNoteEnd(view, { leader: leading }, s, serverNow()) : serverNow();
          },
        });
      })
      .catch((err: unknown) => setError(`The jam cannot be heard: ${err instanceof Error ? err.message : String(err)}`));
    return () => {
      gone = true;
      stop?.();
    };
  }, [on, jamId, leading, metronome, userId]);

  return error;
}
