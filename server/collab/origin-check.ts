/**
 * Which upgrade requests may open a collab socket, by their Origin header. A browser sends Origin with
 * every WebSocket handshake, and with it the session cookie even when another site's page opens the
 * socket (same-site pages such as another port on localhost, which SameSite=Lax does not stop): only
 * Tandem's own origins pass. A request without Origin is no browser page's (the tests' and tools' Node
 * clients); it passes, since it still needs a session cookie, which only the person's browser, or
 * whoever has their password, holds.
 */
export function createOriginCheck(allowed: readonly string[]): (origin: string | undefined) => boolean {
  const origins = new Set(allowed.map((url) => new URL(url).origin));
  return (origin) => origin === undefined || origins.has(origin);
}
