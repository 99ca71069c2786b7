"use client";
/**
 * Musical typing's keys, heard on the window before the roll and the page's shortcuts (the capture phase), so
 * while it is on a letter plays a note instead of switching a tool. The notes go to `play`, the MIDI keyboard's
 * path (use-midi-recording.ts): heard at once, recorded while the piece plays.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { NoteMessage } from "./midi-message";
import { releaseAll, setTypingOn, TYPING_START, typingKeyDown, typingKeyUp, typingMayTake, type TypingResult, type TypingState } from "./musical-typing";

export function useMusicalTyping(play: (m: NoteMessage) => void): { typing: TypingState; setOn(on: boolean): void } {
  const [typing, setTyping] = useState(TYPING_START);
  // Keys come faster than renders: the handlers read and write the state here, and the render follows.
  const current = useRef(TYPING_START);
  const player = useRef(play);
  useEffect(() => {
    player.current = play;
  }, [play]);

  const apply = useCallback((r: TypingResult) => {
    current.current = r.state;
    setTyping(r.state);
    r.notes.forEach((m) => player.current(m));
  }, []);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const el = e.target instanceof HTMLElement ? e.target : null;
      const focus = el && {
        tagName: el.tagName,
        type: el instanceof HTMLInputElement ? el.type : undefined,
        editable: el.isContentEditable,
        inDialog: el.closest("dialog[open]") !== null,
      };
      if (!typingMayTake(focus)) return;
      const r = typingKeyDown(current.current, e);
      if (!r.handled) return;
      e.preventDefault();
      e.stopPropagation();
      apply(r);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      const r = typingKeyUp(current.current, e.code);
      if (r.handled) apply(r);
    };
    const onBlur = () => apply(releaseAll(current.current)); // the keys held now will come up unheard
    window.addEventListener("keydown", onKeyDown, true);
    window.addEventListener("keyup", onKeyUp, true);
    window.addEventListener("blur", onBlur);
    return () => {
      window.removeEventListener("keydown", onKeyDown, true);
      window.removeEventListener("keyup", onKeyUp, true);
      window.removeEventListener("blur", onBlur);
      const released = releaseAll(current.current);
      current.current = released.state;
      released.notes.forEach((m) => player.current(m));
    };
  }, [apply]);

  const setOn = useCallback((on: boolean) => apply(setTypingOn(current.current, on)), [apply]);
  return { typing, setOn };
}
