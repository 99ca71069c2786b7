"use client";
/**
 * A compact popover of the editor's toolbar (Signal keeps secondary settings in menus like these): a button that
 * opens a small panel under it. Escape or a click outside closes it and gives focus back to the button, as the
 * header's popovers do (use-dismiss.ts). The panel stays mounted while closed, so what it holds (an import under
 * way, its message) lives on.
 */
import { useId, useRef, useState, type ReactNode } from "react";
import { useDismiss } from "@/app/_components/use-dismiss";
import styles from "./toolbar.module.css";

export interface ToolbarMenuProps {
  /** What the button says (it may change: "Loop 1–2"); the panel is named `name`. */
  label: ReactNode;
  name: string;
  testId?: string;
  title?: string;
  /** "end": the panel opens leftwards from the button's right edge (menus near the row's end). */
  align?: "start" | "end";
  children: ReactNode;
}

export function ToolbarMenu({ label, name, testId, title, align = "start", children }: ToolbarMenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useDismiss(open, { wrap, button, hide: () => setOpen(false) });

  return (
    <div ref={wrap} className={align === "end" ? `${styles.anchor} ${styles.anchorEnd}` : styles.anchor}>
      <button ref={button} type="button" aria-expanded={open} aria-controls={panelId} data-testid={testId} title={title} onClick={() => setOpen(!open)}>
        {label}
        <span aria-hidden="true" className={styles.caret}>
          ▾
        </span>
      </button>
      <div id={panelId} role="group" aria-label={name} className={styles.panel} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
