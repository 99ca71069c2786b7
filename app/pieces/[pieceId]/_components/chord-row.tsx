"use client";
/**
 * The chord symbols over the roll's bars, lined up with its grid: detected from the notes, or typed by an editor
 * (shared through the document). A click on a symbol opens it for typing; Enter keeps it, an empty one brings back
 * the detected chord, Escape leaves it as it was. The row is one stop for Tab (the symbol last visited, else the first);
 * Left and Right move between symbols, so the roll is one Tab further, not one a bar.
 */
import { useState, type KeyboardEvent } from "react";
import type * as Y from "yjs";
import { slotSymbol, withEmptyBars, type ChordSlot } from "@/lib/chord-slots";
import type { NoteWithId, PieceMeta, Track } from "@/lib/doc-schema";
import { ticksPerBar } from "@/lib/time";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { visibleTicks } from "@/app/_components/piano-roll/geometry";
import { spanBoxes } from "@/app/_components/piano-roll/span-boxes";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import { setChordSymbol } from "./piece-music";
import { shownLabels } from "./chord-labels";
import { useChordSlots } from "./use-chord-slots";
import styles from "./chord-row.module.css";

export interface ChordRowProps {
  doc: Y.Doc;
  store: EditorStore;
  notes: readonly NoteWithId[];
  tracks: ReadonlyMap<string, Track>;
  meta: PieceMeta;
  chords: ReadonlyMap<number, string>;
  readOnly: boolean;
}

/** "Bar 3", or "Bar 3, second half" for a half-bar slot. */
function slotName(slot: ChordSlot, meta: PieceMeta): string {
  const half = slot.end - slot.start < ticksPerBar(meta) ? (slot.start % ticksPerBar(meta) === 0 ? ", first half" : ", second half") : "";
  return `Bar ${slot.bar + 1}${half}`;
}

function slotTitle(slot: ChordSlot): string {
  if (!slot.override) return slot.detected ? `${slot.detected}, from the notes` : "No chord in the notes";
  return `${slot.override.symbol}, typed (the notes make ${slot.detected ?? "no chord"})`;
}

export function ChordRow(p: ChordRowProps) {
  const viewport = useEditor(p.store, (s) => s.viewport);
  const slots = useChordSlots(p.notes, p.tracks, p.meta, p.chords);
  const [editing, setEditing] = useState<{ slot: ChordSlot; text: string; error: string | null } | null>(null);
  const [current, setCurrent] = useState<number | null>(null); // the start of the symbol that takes Tab

  const commit = () => {
    if (!editing) return;
    const result = setChordSymbol(p.doc, editing.slot, editing.text);
    if ("error" in result) setEditing({ ...editing, error: result.error });
    else setEditing(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") commit();
    if (e.key === "Escape") setEditing(null);
  };

  const boxes = spanBoxes(viewport, withEmptyBars(slots, p.meta, visibleTicks(viewport).to));
  const shown = shownLabels(boxes.map(({ span, x, w }) => ({ symbol: slotSymbol(span), x, w })));
  const tabStop = boxes.some((b) => b.span.start === current) ? current : (boxes[0]?.span.start ?? null);
  const onArrow = (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const buttons = [...e.currentTarget.parentElement!.querySelectorAll<HTMLButtonElement>("button[data-slot]")];
    const next = buttons[buttons.indexOf(e.currentTarget) + step];
    next?.focus();
  };

  return (
    <div className={styles.row} role="toolbar" aria-label="Chord symbols" data-testid="chord-row">
      <span className={styles.label} style={{ width: viewport.keysWidth }} aria-hidden>
        Chords
      </span>
      {boxes.map(({ span: slot, x, w }, i) => {
        const symbol = slotSymbol(slot);
        const place = { left: x, width: w };
        if (editing?.slot.start === slot.start) {
          return (
            <input
              key={slot.start}
              className={styles.input}
              style={{ left: x, width: Math.max(w, 96) }}
              aria-label={`${slotName(slot, p.meta)} chord symbol`}
              aria-invalid={editing.error !== null}
              aria-describedby={editing.error ? "chord-error" : undefined}
              placeholder={slot.detected ? `${slot.detected} (from the notes)` : "No chord"}
              value={editing.text}
              autoFocus
              onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
              onKeyDown={onKeyDown}
              onBlur={() => setEditing(null)}
            />
          );
        }
        const label = `${slotName(slot, p.meta)}: ${symbol ?? "no chord"}${slot.override ? " (typed)" : ""}`;
        const className = `${styles.slot} ${slot.override ? styles.typed : ""}`;
        return p.readOnly ? (
          <span key={slot.start} className={className} style={place} title={slotTitle(slot)} aria-label={label} role="img">
            {shown[i] ? symbol : null}
          </span>
        ) : (
          <button
            key={slot.start}
            type="button"
            className={className}
            style={place}
            title={`${slotTitle(slot)}. Click to type another.`}
            aria-label={label}
            data-slot={slot.start}
            tabIndex={slot.start === tabStop ? 0 : -1}
            onFocus={() => setCurrent(slot.start)}
            onKeyDown={onArrow}
            onClick={() => setEditing({ slot, text: slot.override?.symbol ?? "", error: null })}
          >
            {shown[i] ? symbol : null}
          </button>
        );
      })}
      {editing?.error && (
        <p id="chord-error" role="alert" className={styles.error} style={{ left: viewport.keysWidth }}>
          {editing.error}
        </p>
      )}
    </div>
  );
}
