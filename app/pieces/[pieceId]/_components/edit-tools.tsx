"use client";
/** The editing part of the toolbar row: tool, snap, undo / redo, and a menu of note edits. */
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import type { Tool } from "@/app/_components/piano-roll/gestures/types";
import type { PersonalHistory } from "@/app/_components/piano-roll/history";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { GRID_OPTIONS } from "@/app/_components/piano-roll/snap";
import { useEditor, useTool } from "@/app/_components/piano-roll/use-editor";
import { useHistoryState } from "./use-undo-manager";
import { ToolbarMenu } from "./toolbar-menu";
import styles from "./toolbar.module.css";

export interface EditToolsProps {
  store: EditorStore;
  readOnly: boolean;
  /** Runs an action as if its shortcut had been pressed in the piano roll. */
  run(action: KeyAction): void;
  /** This person's undo history: Undo and Redo are enabled only while it holds something to undo or redo. */
  history: PersonalHistory | null;
}

const TOOLS: { tool: Tool; label: string; name: string; key: string; readOnly: boolean }[] = [
  { tool: "draw", label: "Draw", name: "Draw", key: "D", readOnly: false },
  { tool: "select", label: "Select", name: "Select notes", key: "S", readOnly: true },
  { tool: "erase", label: "Erase", name: "Erase", key: "E", readOnly: false },
  { tool: "region", label: "Bars", name: "Select bars for the AI", key: "B", readOnly: false },
];

export function EditTools(p: EditToolsProps) {
  const { store } = p;
  const tool = useTool(store, p.readOnly);
  const gridId = useEditor(store, (s) => s.gridId);
  const hasSelection = useEditor(store, (s) => s.selection.size > 0);
  const edit = !p.readOnly;
  const undoable = useHistoryState(p.history);
  const btn = (label: string, action: KeyAction, shortcut: string, enabled = true, name?: string) => (
    <button type="button" onClick={() => p.run(action)} disabled={!enabled} aria-keyshortcuts={shortcut} aria-label={name} title={`${name ?? label} (${shortcut})`}>
      {label}
    </button>
  );
  return (
    <div className={styles.group} role="toolbar" aria-label="Editing">
      <div className={`${styles.group} ${styles.tools}`} role="group" aria-label="Tool">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            aria-pressed={tool === t.tool}
            aria-label={t.name === t.label ? undefined : t.name}
            onClick={() => store.setTool(t.tool)}
            disabled={p.readOnly && !t.readOnly}
            aria-keyshortcuts={t.key}
            title={`${t.name} (${t.key})`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label title="Where notes snap to when drawn or moved">
        Snap
        <select className={styles.snap} value={gridId} onChange={(e) => store.setGrid(e.target.value)} data-testid="snap-select">
          {GRID_OPTIONS.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <div className={styles.group} role="group" aria-label="History">
        {btn("↶", { kind: "undo" }, "Control+Z", edit && undoable.canUndo, "Undo")}
        {btn("↷", { kind: "redo" }, "Control+Shift+Z", edit && undoable.canRedo, "Redo")}
      </div>
      <ToolbarMenu name="Note edits" label="Edit" title="Quantize, transpose, copy and paste">
        <div className={styles.row} role="group" aria-label="Notes">
          {btn("Quantize", { kind: "quantize" }, "Q", edit)}
          {btn("−8va", { kind: "move", grid: 0, bars: 0, pitch: -12 }, "Shift+ArrowDown", edit && hasSelection, "Down an octave")}
          {btn("−1", { kind: "move", grid: 0, bars: 0, pitch: -1 }, "ArrowDown", edit && hasSelection, "Down a semitone")}
          {btn("+1", { kind: "move", grid: 0, bars: 0, pitch: 1 }, "ArrowUp", edit && hasSelection, "Up a semitone")}
          {btn("+8va", { kind: "move", grid: 0, bars: 0, pitch: 12 }, "Shift+ArrowUp", edit && hasSelection, "Up an octave")}
        </div>
        <div className={styles.row} role="group" aria-label="Clipboard">
          {btn("Copy", { kind: "copy" }, "Control+C", hasSelection)}
          {btn("Cut", { kind: "cut" }, "Control+X", edit && hasSelection)}
          {btn("Paste", { kind: "paste" }, "Control+V", edit)}
          {btn("Duplicate", { kind: "duplicate" }, "Control+D", edit && hasSelection)}
        </div>
      </ToolbarMenu>
    </div>
  );
}
