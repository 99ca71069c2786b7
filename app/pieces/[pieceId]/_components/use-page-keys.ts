"use client";
import { useEffect, type RefObject } from "react";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { pageKeyAction } from "./page-keys";

/** Runs the page-wide shortcuts (see page-keys.ts) through the piano roll's command. */
export function usePageKeys(command: RefObject<((action: KeyAction) => void) | null>) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = pageKeyAction(e, e.target === document.body || e.target === document.documentElement);
      if (!action || !command.current) return;
      e.preventDefault(); // Space would scroll the page
      command.current(action);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [command]);
}
