/**
 * The profile fields better-auth writes (at sign-up and on update-user), checked before they reach the
 * database: a bounded name without control characters, and no picture.
 */
import { APIError } from "better-auth/api";
import { personName } from "../lib/text-limits";

/** better-auth's user create/update `before` hook: the fields to write (the name trimmed), or a 400 saying why not. */
export async function checkProfile(user: { name?: unknown; image?: unknown }): Promise<{ data: { name?: string } } | undefined> {
  // Tandem shows no profile pictures, so an image URL is only something unchecked to store.
  if (user.image !== undefined && user.image !== null) throw new APIError("BAD_REQUEST", { message: "Tandem keeps no profile pictures" });
  if (user.name === undefined) return undefined;
  const name = personName.safeParse(user.name);
  if (!name.success) throw new APIError("BAD_REQUEST", { message: name.error.issues[0].message });
  return { data: { name: name.data } };
}
