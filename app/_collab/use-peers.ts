"use client";
/** The awareness states of everyone in the piece, and a setter for this client's own. */
import { useCallback, useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { readPeers, type Peer, type Presence } from "./presence";
import { hideIdleRegions, nextRegionIdle } from "./presence-idle";

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** Everyone here, the regions of people idle for a while left out (presence-idle.ts). */
export function usePeers(awareness: Awareness | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const lastActive = new Map<number, number>([...awareness.getStates().keys()].map((id) => [id, Date.now()]));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const now = Date.now();
      const all = readPeers(awareness.getStates(), awareness.clientID);
      setPeers(hideIdleRegions(all, lastActive, now));
      clearTimeout(timer);
      const wait = nextRegionIdle(all, lastActive, now);
      if (wait !== null) timer = setTimeout(update, wait);
    };
    // "change" fires only when a state says something new; the 15-second renewals of an unchanged one do not count.
    const onChange = ({ added, updated, removed }: AwarenessChange) => {
      for (const id of [...added, ...updated]) lastActive.set(id, Date.now());
      for (const id of removed) lastActive.delete(id);
      update();
    };
    update();
    awareness.on("change", onChange);
    return () => {
      awareness.off("change", onChange);
      clearTimeout(timer);
    };
  }, [awareness]);
  return peers;
}

/** Publishes this user's identity (pass a memoized object), and returns a setter for cursor / selection fields. */
export function useLocalPresence(awareness: Awareness | null, user: Presence["user"] | null) {
  useEffect(() => {
    if (awareness && user) awareness.setLocalStateField("user", user);
  }, [awareness, user]);

  return useCallback(
    <K extends "cursor" | "selection">(field: K, value: Presence[K]) => awareness?.setLocalStateField(field, value ?? null),
    [awareness],
  );
}
