/**
 * Next renders the pages only: server/index.ts owns the HTTP server, /api/auth, /api/trpc and the
 * /collab WebSocket, and hands every other request to Next.
 */
import path from "node:path";

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The e2e tests and some browsers reach the dev server as 127.0.0.1 while Next is told "localhost".
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  // One lockfile at the repository root; say so, rather than let Next guess among parent folders.
  turbopack: { root: path.dirname(new URL(import.meta.url).pathname) },
  // Server-only packages never reach the browser bundle; app/ imports their types at most.
  serverExternalPackages: ["onnxruntime-node", "@electric-sql/pglite", "pg"],
};

export default nextConfig;
