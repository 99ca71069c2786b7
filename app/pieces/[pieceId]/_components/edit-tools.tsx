"use client";
/** The editing toolbar above the piano roll: tool, snap, note edits, view and loop, the shortcuts sheet. */
import type { Tool, LoopRegion } from "@/app/_components/piano-roll/gestures/types";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { GRID_OPTIONS } from "@/app/_components/piano-roll/snap";

export interface EditToolsProps {
  tool: Tool;
  onTool(tool: Tool): void;
  gridId: string;
  onGrid(id: string): void;
  readOnly: boolean;
  hasSelection: boolean;
  /** Runs an action as if its shortcut had been pressed in the piano roll. */
  run(action: KeyAction): void;
  follow: boolean;
  onFollow(on: boolean): void;
  showVelocity: boolean;
  onShowVelocity(on: boolean): void;
  loop: LoopRegion | null;
  loopLabel: string | null; // "bars 2–4"
  onClearLoop(): void;
  onShortcuts(): void;
}

const TOOLS: { tool: Tool; label: string; key: string }[] = [
  { tool: "draw", label: "Draw", key: "D" },
  { tool: "select", label: "Select notes", key: "S" },
  { tool: "erase", label: "Erase", key: "E" },
];

export function EditTools(p: EditToolsProps) {
  const edit = !p.readOnly;
  const btn = (label: string, action: KeyAction, shortcut: string, enabled = true) => (
    <button type="button" onClick={() => p.run(action)} disabled={!enabled} aria-keyshortcuts={shortcut} title={`${label} (${shortcut})`}>
      {label}
    </button>
  );
  return (
    <div className="edit-tools" role="toolbar" aria-label="Editing">
      <div className="group" role="group" aria-label="Tool">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            aria-pressed={p.tool === t.tool}
            onClick={() => p.onTool(t.tool)}
            disabled={p.readOnly && t.tool !== "select"}
            aria-keyshortcuts={t.key}
            title={`${t.label} (${t.key})`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label>
        Snap
        <select value={p.gridId} onChange={(e) => p.onGrid(e.target.value)} data-testid="snap-select">
          {GRID_OPTIONS.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <div className="group" role="group" aria-label="Notes">
        {btn("Quantize", { kind: "quantize" }, "Q", edit)}
        {btn("−8va", { kind: "move", grid: 0, bars: 0, pitch: -12 }, "Shift+ArrowDown", edit && p.hasSelection)}
        {btn("−1", { kind: "move", grid: 0, bars: 0, pitch: -1 }, "ArrowDown", edit && p.hasSelection)}
        {btn("+1", { kind: "move", grid: 0, bars: 0, pitch: 1 }, "ArrowUp", edit && p.hasSelection)}
        {btn("+8va", { kind: "move", grid: 0, bars: 0, pitch: 12 }, "Shift+ArrowUp", edit && p.hasSelection)}
      </div>
      <div className="group" role="group" aria-label="Clipboard">
        {btn("Copy", { kind: "copy" }, "Control+C", p.hasSelection)}
        {btn("Cut", { kind: "cut" }, "Control+X", edit && p.hasSelection)}
        {btn("Paste", { kind: "paste" }, "Control+V", edit)}
        {btn("Duplicate", { kind: "duplicate" }, "Control+D", edit && p.hasSelection)}
      </div>
      <div className="group" role="group" aria-label="History">
        {btn("Undo", { kind: "undo" }, "Control+Z", edit)}
        {btn("Redo", { kind: "redo" }, "Control+Shift+Z", edit)}
      </div>
      <div className="group" role="group" aria-label="Zoom">
        {btn("Zoom out", { kind: "view", bars: 0, pitch: 0, zoom: 0.8 }, "-")}
        {btn("Zoom in", { kind: "view", bars: 0, pitch: 0, zoom: 1.25 }, "+")}
      </div>
      <label>
        <input type="checkbox" checked={p.follow} onChange={(e) => p.onFollow(e.target.checked)} aria-keyshortcuts="F" />
        Follow playhead
      </label>
      <label>
        <input type="checkbox" checked={p.showVelocity} onChange={(e) => p.onShowVelocity(e.target.checked)} />
        Velocity lane
      </label>
      <div className="group" role="group" aria-label="Loop">
        {p.loop ? (
          <>
            <span data-testid="loop-label">Loop {p.loopLabel}</span>
            <button type="button" onClick={p.onClearLoop}>
              Clear loop
            </button>
          </>
        ) : (
          btn("Loop selection", { kind: "loop-toggle" }, "L")
        )}
      </div>
      <button type="button" onClick={p.onShortcuts} aria-keyshortcuts="?" aria-haspopup="dialog">
        Shortcuts
      </button>
    </div>
  );
}
