"use client";
import { useEffect, useState, type InputHTMLAttributes } from "react";
import { parseWhole } from "./whole-number";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "min" | "max"> & {
  value: number;
  min: number;
  max: number;
  onValue(n: number): void;
};

/**
 * A whole-number field (a bar, a pitch). The text is its own while typing, so clearing the field to
 * type "12" does not snap it back to a default first; a valid number takes effect at once, anything
 * else reverts on leaving the field.
 */
export function WholeNumberInput({ value, min, max, onValue, onBlur, ...rest }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]); // set elsewhere (a loop dragged on the ruler)
  return (
    <input
      {...rest}
      type="number"
      min={min}
      max={max}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseWhole(e.target.value, min, max);
        if (n !== null) onValue(n);
      }}
      onBlur={(e) => {
        setText(String(value));
        onBlur?.(e);
      }}
    />
  );
}
