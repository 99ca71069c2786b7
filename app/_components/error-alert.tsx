/** The one way the app shows an error: read out as it appears (role="alert"), and nothing while there is none. */
import type { CSSProperties } from "react";
import { errorMessage } from "@/app/_trpc/query-client";

/** `error`: a message to show as it is, or a thrown error (a tRPC error shows its input issues); null, undefined or "" shows nothing. */
export function ErrorAlert({ error, id, style }: { error: unknown; id?: string; style?: CSSProperties }) {
  if (error === null || error === undefined || error === "") return null;
  return (
    <p id={id} role="alert" className="alert" style={style}>
      {typeof error === "string" ? error : errorMessage(error)}
    </p>
  );
}
