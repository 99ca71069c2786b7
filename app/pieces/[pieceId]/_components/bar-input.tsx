"use client";
import { useEffect, useState, type InputHTMLAttributes } from "react";
import { parseBar } from "./loop-bars";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type"> & { value: number; onBar(bar: number): void };

/**
 * A 1-based bar number field. The text is its own while typing, so clearing the field to type "12"
 * does not snap it back to 1 first; a whole bar takes effect at once, anything else reverts on leaving.
 */
export function BarInput({ value, onBar, onBlur, ...rest }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]); // a loop dragged on the ruler shows up here
  return (
    <input
      {...rest}
      type="number"
      min={1}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const bar = parseBar(e.target.value);
        if (bar !== null) onBar(bar);
      }}
      onBlur={(e) => {
        setText(String(value));
        onBlur?.(e);
      }}
    />
  );
}
