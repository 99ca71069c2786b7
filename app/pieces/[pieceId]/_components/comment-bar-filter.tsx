"use client";
/** The comments panel's "only these bars" switch and range. */
import { BarRangeInputs } from "./bar-range-inputs";
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
      <BarRangeInputs
        from={shown.from}
        to={shown.to}
        onFrom={(from) => set(from, Math.max(shown.to, from))}
        onTo={(to) => set(shown.from, to)}
        fromLabel="Show comments from bar"
        toLabel="Show comments to bar"
        disabled={range === null}
      />
    </div>
  );
}
