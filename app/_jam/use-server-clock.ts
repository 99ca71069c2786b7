"use client";
/**
 * The server's clock in this browser, while a jam is on show: a few quick `jam.time` round trips at once, then one
 * every few seconds, the offset from the quickest of the recent ones (server-clock.ts).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { clockOffset, keepSample, type ClockSample } from "./server-clock";

const FIRST_SAMPLES = 5;
const RESAMPLE_MS = 10_000;

/** This browser's clock (ms): monotonic, unlike Date.now(), which the system may step. */
const localNow = () => performance.timeOrigin + performance.now();

export interface ServerClock {
  /** Whether the offset has been estimated yet (until then, now() is the local clock). */
  synced: boolean;
  /** The server's time now, as estimated here (ms). */
  now(): number;
}

export function useServerClock(pieceId: string, active: boolean): ServerClock {
  const client = useTRPCClient();
  const offset = useRef<number | null>(null);
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    if (!active) return;
    let samples: ClockSample[] = [];
    let gone = false;
    const sample = async () => {
      const sentAt = localNow();
      const { serverNow } = await client.jam.time.query({ pieceId });
      samples = keepSample(samples, { sentAt, receivedAt: localNow(), serverNow });
      offset.current = clockOffset(samples);
    };
    const markSynced = () => !gone && setSynced(true);
    const first = async () => {
      for (let i = 0; i < FIRST_SAMPLES && !gone; i++) await sample();
    };
    // A failed round trip leaves the estimate as it was; the next one tries again.
    first().then(markSynced, () => undefined);
    const timer = setInterval(() => void sample().then(markSynced, () => undefined), RESAMPLE_MS);
    return () => {
      gone = true;
      clearInterval(timer);
    };
  }, [active, client, pieceId]);

  const now = useCallback(() => localNow() + (offset.current ?? Date.now() - localNow()), []);
  return { synced, now };
}
