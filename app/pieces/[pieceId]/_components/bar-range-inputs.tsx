/** A range of bars as people count them (from 1, both ends included): the comment form's, its filter's, undo by author's. */

const BAR_INPUT = { width: 56 };

export interface BarRangeInputsProps {
  /** The words before the first input ("bar", "bars"), if any. */
  lead?: string;
  from: number;
  to: number;
  onFrom(bar: number): void;
  onTo(bar: number): void;
  /** The inputs' accessible names, which tell the forms' ranges apart. */
  fromLabel: string;
  toLabel: string;
  disabled?: boolean;
}

export function BarRangeInputs(p: BarRangeInputsProps) {
  return (
    <>
      <label>
        {p.lead && `${p.lead} `}
        <input type="number" min={1} value={p.from} disabled={p.disabled} onChange={(e) => p.onFrom(Number(e.target.value))} aria-label={p.fromLabel} style={BAR_INPUT} />
      </label>
      <label>
        to{" "}
        <input type="number" min={p.from} value={p.to} disabled={p.disabled} onChange={(e) => p.onTo(Number(e.target.value))} aria-label={p.toLabel} style={BAR_INPUT} />
      </label>
    </>
  );
}
