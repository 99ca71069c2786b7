"use client";
/** The comments panel's "only these bars" switch and range. */
import type { BarRange } from "./comment-filter";

export interface CommentBarFilterProps {
  /** null: every comment is shown. */
  range: BarRange | null;
  /** The range to start from when the filter is switched on (the bar the editor is at). */
  defaultRange: BarRange;
  onChange(range: BarRange | null): void;
}

export function CommentBarFilter({ range, defaultRange, onChange }: CommentBarFilterProps) {
  const shown = range ?? defaultRange;
  const set = (from: number, to: number) => {
    if (!Number.isFinite(from) || !Number.isFinite(to)) return;
    const f = Math.max(1, Math.round(from));
    onChange({ from: f, to: Math.max(f, Math.round(to)) });
  };
  return (
    <div className="row" role="group" aria-label="Filter comments by bar">
      <label>
        <input type="checkbox" checked={range !== null} onChange={(e) => onChange(e.target.checked ? shown : null)} data-testid="comment-bar-filter" /> only bars
      </label>
      <input
        type="number"
        min={1}
        value={shown.from}
        disabled={range === null}
        onChange={(e) => set(Number(e.target.value), Math.max(shown.to, Number(e.target.value)))}
        aria-label="Show comments from bar"
        style={{ width: 56 }}
      />
      <label>
        to{" "}
        <input
          type="number"
          min={shown.from}
          value={shown.to}
          disabled={range === null}
          onChange={(e) => set(shown.from, Number(e.target.value))}
          aria-label="Show comments to bar"
          style={{ width: 56 }}
        />
      </label>
    </div>
  );
}
