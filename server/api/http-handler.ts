/** tRPC over Node's http at /api/trpc/ (server/app.ts mounts it); failures the client is not told about are logged here. */
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Log } from "../log";
import { isPresentable } from "./public-error";
import { appRouter } from "./root";
import { createContextFactory, type ApiServices } from "./trpc";

export function createTrpcHandler(services: ApiServices, log: Pick<Log, "error">) {
  return createHTTPHandler({
    router: appRouter,
    createContext: createContextFactory(services),
    basePath: "/api/trpc/",
    onError: ({ error, path }) => {
      if (!isPresentable(error)) log.error("procedure failed", { path, error: String(error.cause ?? error) });
    },
  });
}
