/**
 * A request for a piece's editor page, seen before Next answers it: the server starts loading the piece's room then
 * (Collab.warm), so that by the time the page's code has loaded and its socket arrives, the piece is in memory.
 * A prefetch (Next's router asks ahead for links in view) is not an open, and loads nothing.
 */
import type { IncomingMessage } from "node:http";
import { pieceIdOf } from "./collab/upgrade-url";

const PIECES_PATH = "/pieces";

/** The piece id of a GET for `/pieces/<id>` (a page load, or the router's fetch of it), else null. */
export function editorPageOf(req: Pick<IncomingMessage, "method" | "url" | "headers">): string | null {
  if (req.method !== "GET" || req.headers["next-router-prefetch"] !== undefined) return null;
  return pieceIdOf(req.url, PIECES_PATH);
}
