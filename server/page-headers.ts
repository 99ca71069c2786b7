/**
 * The headers of every page: a Content-Security-Policy under which a page runs only its own scripts
 * (Next's, each carrying this response's nonce), talks only to this server and cannot be framed.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // Tone.js loads its AudioWorklet and its clock's Worker from blob: URLs; React's development build evaluates code.
    `script-src 'self' 'nonce-${nonce}' blob:${dev ? " 'unsafe-eval'" : ""}`,
    "worker-src 'self' blob:",
    // React writes style attributes (positions, author colours).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' takes in ws: and wss: to this host too: the collab socket and, in development, Next's reload socket.
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sets the page policy with a fresh nonce on `res`, and on `req` too: Next reads its nonce from there for the scripts it writes. */
export function setPageHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const policy = pagePolicy(randomBytes(16).toString("base64"), dev);
  req.headers["content-security-policy"] = policy;
  res.setHeader("content-security-policy", policy);
}
