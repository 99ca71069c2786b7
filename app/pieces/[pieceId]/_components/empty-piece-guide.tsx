"use client";
/**
 * What to do first, on the roll of an empty piece: draw notes, select bars, ask the AI, invite. Shown until the
 * piece has notes, or until dismissed (remembered in this browser).
 */
import { useState } from "react";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import styles from "./empty-piece-guide.module.css";

const DISMISSED = "tandem.emptyPieceGuide.dismissed";

function dismissedBefore(): boolean {
  try {
    return window.localStorage.getItem(DISMISSED) === "1";
  } catch {
    return false; // storage blocked: the guide shows, and Got it still hides it for this visit
  }
}

export function EmptyPieceGuide({ store }: { store: EditorStore }) {
  const [dismissed, setDismissed] = useState(dismissedBefore);
  const laneHeight = useEditor(store, (s) => s.viewport.laneHeight);
  if (dismissed) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      window.localStorage.setItem(DISMISSED, "1");
    } catch {
      // not remembered: it shows again on the next empty piece
    }
  };
  return (
    <section className={styles.guide} style={{ bottom: laneHeight + 16 }} aria-labelledby="empty-piece-guide-title" data-testid="empty-piece-guide">
      <h3 id="empty-piece-guide-title">Start your piece</h3>
      <ol>
        <li>
          <strong>Draw notes:</strong> with Draw (D), click in the grid; drag right for a longer note.
        </li>
        <li>
          <strong>Select bars:</strong> pick Bars (B) and drag across the roll.
        </li>
        <li>
          <strong>Ask the AI:</strong> the Ask the AI bar appears beside the bars, to fill, rewrite or continue them. Its candidates show as
          ghost notes in AI suggestions.
        </li>
        <li>
          <strong>Invite:</strong> Invite, at the top, shares the piece with others who compose with you.
        </li>
      </ol>
      <button type="button" onClick={dismiss}>
        Got it
      </button>
    </section>
  );
}
