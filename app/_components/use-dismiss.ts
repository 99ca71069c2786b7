"use client";
import { useEffect, useEffectEvent, type RefObject } from "react";

interface Dismiss {
  /** The popover and the button that opens it: a press inside is not outside. */
  wrap: RefObject<HTMLElement | null>;
  /** The button that opens it, where focus goes back. */
  button: RefObject<HTMLButtonElement | null>;
  /** Closes the popover (focus is this hook's concern). */
  hide(): void;
}

/**
 * A popover's ways out while it is open: Escape, and a press outside it. Either closes it and gives focus back to its
 * button, unless the press put focus somewhere else.
 */
export function useDismiss(open: boolean, { wrap, button, hide }: Dismiss) {
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    // An Escape already taken inside the popover (a member's "Remove?" closing) closes only that.
    if (e.key !== "Escape" || e.defaultPrevented) return;
    e.preventDefault(); // the page's own Escape (clear the selection) waits for the next press
    hide();
    button.current?.focus();
  });
  const onPointerDown = useEffectEvent((e: PointerEvent) => {
    if (e.target instanceof Node && wrap.current?.contains(e.target)) return;
    hide();
    // The press may have focused something else (another button, a field): leave it there. Focus lost with the
    // popover, or left on the page's body, returns to the button once the browser has moved it.
    setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) button.current?.focus();
    });
  });
  useEffect(() => {
    if (!open) return;
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);
}
