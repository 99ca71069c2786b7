/**
 * Which part of the server answers a WebSocket upgrade: the collab rooms, Next's hot-reload socket
 * (`npm run dev` only), or nobody, refused at once (server/refuse-upgrade.ts). Next's upgrade handler
 * answers only its hot-reload path (and rewrites to other servers, which Tandem has none of) and leaves
 * any other socket open without a word, one file descriptor each until a restart.
 */
export type UpgradeTarget = "collab" | "next" | "refuse";

// `/_next/hmr` in Next 16, `/_next/webpack-hmr` before it.
const NEXT_DEV_SOCKETS = new Set(["/_next/hmr", "/_next/webpack-hmr"]);

export function upgradeTarget(url: string | undefined, { collabPrefix, dev }: { collabPrefix: string; dev: boolean }): UpgradeTarget {
  let pathname: string;
  try {
    ({ pathname } = new URL(url ?? "/", "http://localhost"));
  } catch {
    return "refuse";
  }
  if (pathname.startsWith(`${collabPrefix}/`)) return "collab";
  if (dev && NEXT_DEV_SOCKETS.has(pathname)) return "next";
  return "refuse";
}
