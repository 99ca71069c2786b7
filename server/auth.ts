import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import type { Db } from "../db";
import { checkProfile } from "./auth-profile";
import { accounts, sessions, users, verifications } from "../db/schema/auth";
import type { SessionUser, SocketUser } from "./services";

export interface CreateAuthOptions {
  db: Db;
  /** Signs session cookies; at least 32 characters in production. */
  secret: string;
  /** The public origin of the app, e.g. http://localhost:3000 (https here makes the cookies Secure). */
  baseURL: string;
  trustedOrigins?: string[];
}

export const AUTH_BASE_PATH = "/api/auth";
export const CLIENT_IP_HEADER = "x-tandem-client-ip";

/** better-auth with email+password over our Drizzle tables; mounted at /api/auth/* by server/index.ts. */
export function createAuth({ db, secret, baseURL, trustedOrigins }: CreateAuthOptions) {
  return betterAuth({
    secret,
    baseURL,
    basePath: AUTH_BASE_PATH,
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: "pg",
      usePlural: true,
      schema: { users, sessions, accounts, verifications },
    }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8 },
    databaseHooks: { user: { create: { before: checkProfile }, update: { before: checkProfile } } },
    // server/app.ts sets CLIENT_IP_HEADER from the socket (overwriting whatever a client sent) for rate limiting.
    advanced: { cookiePrefix: "tandem", ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The signed-in person behind a request's session cookie, or null. */
export async function getSessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
}

/** Node's IncomingMessage headers as a fetch Headers (for getSessionUser from ws/http upgrades). */
export const headersFromNode = (headers: IncomingHttpHeaders): Headers => fromNodeHeaders(headers);

/**
 * The session user behind a Node request and the session's id (the collab server's `authenticate` for WebSocket
 * upgrades; it checks that session again while the socket is open).
 */
export async function sessionUserFromRequest(auth: Auth, req: IncomingMessage): Promise<SocketUser | null> {
  const session = await auth.api.getSession({ headers: headersFromNode(req.headers) });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email, sessionId: session.session.id };
}

/** The Node request handler for /api/auth/*. */
export const authNodeHandler = (auth: Auth) => toNodeHandler(auth);
