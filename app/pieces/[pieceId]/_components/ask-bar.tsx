"use client";
/**
 * The Ask the AI bar: over the roll, beside the selected bars (following them as the view scrolls and zooms, kept
 * inside the roll when they are out of view), with the action they call for, Continue, the candidates and a
 * link to more options. It shows while bars are selected and the person may ask.
 */
import { useLayoutEffect, useRef, useState } from "react";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { tickToX } from "@/app/_components/piano-roll/geometry";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import { AI_OPTIONS_ID } from "./ai-panel";
import { AskActions } from "./ask-actions";
import { barsLabel } from "./ask-plan";
import type { AiRequest } from "./use-ai-request";
import styles from "./ask-ai.module.css";

export interface AskBarProps {
  store: EditorStore;
  meter: Meter;
  ai: AiRequest;
}

/** More options: the AI options panel (pitch range, tracks, temperature, steering) comes into view, its heading focused. */
function showOptions() {
  const heading = document.getElementById(AI_OPTIONS_ID);
  heading?.scrollIntoView({ block: "start", behavior: "smooth" });
  heading?.focus({ preventScroll: true });
}

const MARGIN = 8;
/** Below the ruler, clear of the tag the roll draws on a generation's bars ("Requested by …"). */
const TOP = 26;

export function AskBar({ store, meter, ai }: AskBarProps) {
  const v = useEditor(store, (s) => s.viewport);
  const range = ai.region.range;
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const w = ref.current?.offsetWidth ?? 0;
    if (w !== width) setWidth(w);
  });
  if (!range) return null;

  const x = tickToX(v, range.startBar * ticksPerBar(meter));
  const left = Math.max(v.keysWidth + MARGIN, Math.min(x + MARGIN, v.width - width - MARGIN));
  return (
    <div ref={ref} className={styles.bar} style={{ left, top: v.rulerHeight + TOP }} role="group" aria-labelledby="ask-bar-title" data-testid="ask-ai-bar">
      <div className={styles.head}>
        <strong id="ask-bar-title">Ask the AI</strong>
        <span className={styles.where}>{barsLabel(range.startBar, range.endBar)}</span>
        <button type="button" className={`link ${styles.more}`} onClick={showOptions} aria-controls={AI_OPTIONS_ID}>
          More options
        </button>
        <button type="button" className={styles.close} onClick={() => store.setRegionRange(null)} aria-label="Clear the selected bars" title="Clear the selected bars">
          ×
        </button>
      </div>
      <AskActions ai={ai} from="bar" disabled={false} />
    </div>
  );
}
