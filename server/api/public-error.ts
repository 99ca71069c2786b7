/**
 * What a client may read of a failed procedure. Our own errors say what went wrong as written; an error
 * nobody meant to show (a database error quotes its query and parameters: other people's ids, what was
 * typed) becomes one plain sentence, and the details go to the server log (http-handler.ts).
 */
import type { TRPCError } from "@trpc/server";
import { DrizzleQueryError } from "drizzle-orm/errors";
import pg from "pg";

export const PLAIN_INTERNAL_MESSAGE = "Something went wrong on the server; try again (the details are in the server log)";

/** Whether `error` may reach the client as it is. */
export function isPresentable(error: TRPCError): boolean {
  if (error.code !== "INTERNAL_SERVER_ERROR") return true;
  // tRPC wraps anything thrown that is not a TRPCError with the thrown error's own message.
  if (error.cause && error.message === error.cause.message) return false;
  // Ours, but quoting a database error in its message ("Could not write the notes: Failed query ...").
  for (let e: unknown = error.cause; e instanceof Error; e = e.cause) {
    if (e instanceof DrizzleQueryError || e instanceof pg.DatabaseError) return false;
  }
  return true;
}
