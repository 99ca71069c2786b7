/**
 * The Tandem process: Next's pages, the API, sign-in and the collaboration WebSocket on one port.
 * `tsx server/index.ts` (production, after `next build`) or `tsx server/index.ts --dev`.
 */
import next from "next";
import { createTandemServer } from "./app";
import { stopWithParent } from "./cluster/parent-watch";
import { loadEnv } from "./env";
import { createLog } from "./log";

const log = createLog();

async function main() {
  const env = loadEnv();
  const dev = process.argv.includes("--dev");
  const nextApp = next({ dev, dir: process.cwd(), hostname: "localhost", port: env.PORT });
  await nextApp.prepare();
  const server = await createTandemServer(env, log, {
    next: { dev, request: nextApp.getRequestHandler(), upgrade: nextApp.getUpgradeHandler() },
  });
  const port = await server.listen(env.PORT, env.HOST);
  log.info(`Tandem is listening on http://localhost:${port} (${dev ? "development" : "production"})`);

  const shutdown = async (signal: string) => {
    log.info(`${signal}: saving open pieces and closing`);
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await server.close();
      await nextApp.close();
      clearTimeout(force);
      process.exit(0);
    } catch (e) {
      log.error("shutdown failed", { error: String(e) });
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  stopWithParent();
}

main().catch((e) => {
  log.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
