/**
 * GET /api/pieces/<pieceId>/export/<format>: a credit export as a file download. Signed-in members
 * of the piece only (any role: a viewer or reviewer may take the credits away), from the session cookie.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getSessionUser, headersFromNode, type Auth } from "./auth";
import { getMemberRole } from "./api/membership";
import { buildExport, CreditsPdfError, isExportFormat, loadPieceExport, type CreditsPdfRenderer, type ExportDeps } from "./authorship/exports";
import type { Log } from "./log";

export const EXPORTS_PATH = /^\/api\/pieces\/([^/?#]+)\/export\/([^/?#]+)\/?(?:\?.*)?$/;

export interface ExportsRouteDeps extends ExportDeps {
  auth: Auth;
  /** Draws the credits PDF in a worker thread; its owner (server/app.ts) closes it. */
  pdf: Pick<CreditsPdfRenderer, "render">;
  log?: Pick<Log, "error">;
}

// A downloaded credits page must not run anything or load anything from elsewhere.
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

function fail(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify({ error: message }));
}

export function createExportsRoute(deps: ExportsRouteDeps) {
  return async function handleExport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = EXPORTS_PATH.exec(req.url ?? "");
    if (!match) return fail(res, 404, "Not found");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return fail(res, 405, "Exports are downloaded with GET");
    }
    let pieceId: string, format: string;
    try {
      [pieceId, format] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
    } catch {
      return fail(res, 400, "Malformed piece id or format in the URL");
    }
    try {
      const user = await getSessionUser(deps.auth, headersFromNode(req.headers));
      if (!user) return fail(res, 401, "Sign in first");
      const role = await getMemberRole(deps.db, pieceId, user.id);
      if (role === undefined) return fail(res, 404, `Piece ${pieceId} not found`);
      if (role === null) return fail(res, 403, "You are not a member of this piece");
      if (!isExportFormat(format)) return fail(res, 404, `No export called "${format}"`);
      const piece = await loadPieceExport(deps, pieceId);
      if (!piece) return fail(res, 404, `Piece ${pieceId} not found`);
      const file = await buildExport(format, piece, { renderPdf: (sheet, options) => deps.pdf.render(sheet, options, user.id) });
      res.writeHead(200, {
        "content-type": file.contentType,
        "content-length": file.body.byteLength,
        "content-disposition": file.contentDisposition,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        ...(format === "credits-html" ? { "content-security-policy": HTML_POLICY } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : file.body);
    } catch (e) {
      deps.log?.error("export failed", { pieceId, format, error: String(e) });
      if (res.headersSent) return void res.destroy();
      if (e instanceof CreditsPdfError && (e.reason === "busy" || e.reason === "too-many")) {
        res.setHeader("retry-after", "30");
        return fail(res, e.reason === "busy" ? 503 : 429, e.message);
      }
      fail(res, 500, e instanceof CreditsPdfError ? e.message : "The export failed; try again");
    }
  };
}
