/**
 * Plays scheduled events on Tone's transport. Tone is imported on the first play (a user gesture),
 * so nothing touches the AudioContext at import time.
 */
import type { Instruments } from "./instruments";
import type { PlayEvent } from "./schedule";

export interface PlayRequest {
  events: readonly PlayEvent[];
  fromTick: number;
  bpm: number;
  durationSeconds: number;
}

export interface Player {
  play(req: PlayRequest, onEnd: () => void): Promise<void>;
  stop(): void;
  /** Seconds since play started, or null when stopped. */
  elapsed(): number | null;
  dispose(): void;
}

export function createPlayer(): Player {
  let tone: typeof import("tone") | null = null;
  let instruments: Instruments | null = null;
  let playing = false;

  const stop = () => {
    if (!tone) return;
    const transport = tone.getTransport();
    transport.stop();
    transport.cancel(0);
    instruments?.releaseAll();
    playing = false;
  };

  return {
    async play(req, onEnd) {
      if (!tone) tone = await import("tone");
      await tone.start();
      if (!instruments) instruments = (await import("./instruments")).createInstruments(tone);
      stop();
      const transport = tone.getTransport();
      const inst = instruments;
      transport.position = 0;
      for (const e of req.events) transport.schedule((time) => inst.trigger(e, time), e.time);
      transport.scheduleOnce(() => {
        stop();
        onEnd();
      }, req.durationSeconds + 0.3);
      playing = true;
      transport.start("+0.05");
    },
    stop,
    elapsed() {
      return playing && tone ? Math.max(0, tone.getTransport().seconds) : null;
    },
    dispose() {
      stop();
      instruments?.dispose();
      instruments = null;
    },
  };
}
