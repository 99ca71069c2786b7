"use client";
/**
 * The one way the app shows an error: read out as it appears (role="alert"), brought into view in its scrolling panel
 * (an error under a field near the panel's bottom edge was cut off), and nothing while there is none.
 */
import { useEffect, useRef, type CSSProperties } from "react";
import { errorMessage } from "@/app/_trpc/query-client";

/** `error`: a message to show as it is, or a thrown error (a tRPC error shows its input issues); null, undefined or "" shows nothing. */
export function ErrorAlert({ error, id, style }: { error: unknown; id?: string; style?: CSSProperties }) {
  const none = error === null || error === undefined || error === "";
  const text = none ? null : typeof error === "string" ? error : errorMessage(error);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (text) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [text]);
  if (text === null) return null;
  return (
    <p ref={ref} id={id} role="alert" className="alert" style={style}>
      {text}
    </p>
  );
}
