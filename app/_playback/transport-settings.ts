/** The listener's transport settings (local, never in the doc): metronome, count-in, loop range in bars. */
import { tickOfBar, type Meter } from "@/lib/time";
import type { LoopRange, PlayOptions } from "./schedule";

export interface TransportSettings {
  metronome: boolean;
  countIn: boolean;
  loop: { on: boolean; startBar: number; endBar: number }; // 0-based bars, end exclusive
}

export const DEFAULT_TRANSPORT: TransportSettings = { metronome: false, countIn: false, loop: { on: false, startBar: 0, endBar: 4 } };

export function loopRange(s: TransportSettings, meter: Meter): LoopRange | null {
  if (!s.loop.on || s.loop.endBar <= s.loop.startBar) return null;
  return { startTick: tickOfBar(s.loop.startBar, meter), endTick: tickOfBar(s.loop.endBar, meter) };
}

export const playOptions = (s: TransportSettings, meter: Meter): PlayOptions => ({
  metronome: s.metronome,
  countIn: s.countIn,
  loop: loopRange(s, meter),
});
