"use client";
/** The awareness states of everyone in the piece, and a setter for this client's own. */
import { useCallback, useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { readPeers, type Peer, type Presence } from "./presence";

export function usePeers(awareness: Awareness | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = () => setPeers(readPeers(awareness.getStates(), awareness.clientID));
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
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
