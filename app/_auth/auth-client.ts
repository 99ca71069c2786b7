/** better-auth's browser client; the server mounts it at /api/auth on the same origin. */
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();

export const useSession = authClient.useSession;

/** Only same-site paths may be a redirect target after signing in. */
export function safeNext(next: string | null | undefined, fallback = "/pieces"): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : fallback;
}
