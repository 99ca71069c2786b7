"use client";
import { useEffect, useEffectEvent } from "react";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { pageKeyAction, pageKeysFor } from "./page-keys";

/** Runs the page-wide shortcuts (see page-keys.ts) as the roll runs its keys (roll-actions.ts). */
export function usePageKeys(run: (action: KeyAction) => void) {
  const runAction = useEffectEvent(run);
  useEffect(() => {
    // Whether focus came from the keyboard, read when it arrives: the browser turns :focus-visible on
    // for a clicked control as soon as a key is pressed, so it cannot be read at the key itself.
    let fromKeyboard = new WeakSet<Element>();
    const onFocusIn = (e: FocusEvent) => {
      fromKeyboard = new WeakSet();
      if (e.target instanceof Element && e.target.matches(":focus-visible")) fromKeyboard.add(e.target);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      const focus = el && { tagName: el.tagName, type: el instanceof HTMLInputElement ? el.type : undefined, focusVisible: fromKeyboard.has(el) };
      const action = pageKeyAction(e, pageKeysFor(focus));
      if (!action) return;
      e.preventDefault(); // Space would scroll the page, or press the clicked button
      runAction(action);
    };
    window.addEventListener("focusin", onFocusIn);
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("focusin", onFocusIn);
      window.removeEventListener("keydown", onKeyDown);
    };
  }, []);
}
