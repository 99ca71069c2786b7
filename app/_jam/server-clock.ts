/**
 * The server's clock, seen from this browser (NTP's way): ask `jam.time`, note when the question left and when the
 * answer came, and take the server's time as read half-way through. The round trip with the least time on the wire
 * says the most, so the estimate follows the quickest of the recent samples.
 */

export interface ClockSample {
  /** Local time (ms) the question left. */
  sentAt: number;
  /** Local time (ms) the answer came. */
  receivedAt: number;
  /** The server's Date.now() in the answer. */
  serverNow: number;
}

/** Samples kept: recent enough to follow a clock that drifts, enough that one of them was quick. */
export const CLOCK_SAMPLES_KEPT = 8;

export const roundTrip = (s: ClockSample): number => s.receivedAt - s.sentAt;

/** The samples to keep after a new one: the latest `keep`, in the order they came. */
export function keepSample(samples: readonly ClockSample[], sample: ClockSample, keep = CLOCK_SAMPLES_KEPT): ClockSample[] {
  if (roundTrip(sample) < 0) return [...samples]; // the local clock stepped back mid-question: it says nothing
  return [...samples, sample].slice(-keep);
}

/** Server time minus local time (ms), from the quickest round trip; null before any answer. */
export function clockOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || roundTrip(s) < roundTrip(best)) best = s;
  return best && best.serverNow - (best.sentAt + best.receivedAt) / 2;
}
