/**
 * tRPC the t3 way: the context every procedure sees, and the procedure builders.
 * server/index.ts mounts appRouter at /api/trpc with the node-http adapter and createContextFactory.
 */
import type { IncomingMessage } from "node:http";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "../../db";
import type { FineTuner } from "../adaptation/fine-tune";
import type { StyleFitter } from "../adaptation/fit";
import { getSessionUser, headersFromNode, type Auth } from "../auth";
import type { Inference } from "../inference/types";
import type { Collab, SessionUser } from "../services";
import type { JamHub } from "../jam/types";
import type { GenerationHomes } from "./generation-homes";
import type { GenerationLine } from "./generation-line";
import { isPresentable, PLAIN_INTERNAL_MESSAGE } from "./public-error";


export interface ApiServices {
  db: Db;
  auth: Auth;
  collab: Collab;
  inference: Inference;
  /** Generations wait here for the model, served in turn across the people who asked. */
  generationLine: GenerationLine;
  /** With REDIS_URL: which generations run in which app process (generation-homes.ts); absent, this process is alone. */
  generationHomes?: GenerationHomes;
  /** How long one generation may take on the model before it fails with TIMEOUT (default 30 s; waiting in line is not counted). */
  generationTimeoutMs?: number;
  /** The live jams this process runs (server/jam/hub.ts). */
  jams: JamHub;
  /** Fits a learned style's exponents with the model (server/adaptation/fit.ts); absent, styles keep soft defaults. */
  styleFitter?: StyleFitter;
  /** Fine-tunes the model on a style's pieces (server/adaptation/fine-tune.ts); absent, styles are style memories. */
  fineTuner?: FineTuner;
}

export interface Context extends ApiServices {
  user: SessionUser | null;
}

/** A context for one request, from its headers (the session cookie). */
export async function createContext(services: ApiServices, headers: Headers): Promise<Context> {
  return { ...services, user: await getSessionUser(services.auth, headers) };
}

/** The adapter's createContext: `createHTTPHandler({ router: appRouter, createContext: createContextFactory(services) })`. */
export const createContextFactory =
  (services: ApiServices) =>
  ({ req }: { req: IncomingMessage }): Promise<Context> =>
    createContext(services, headersFromNode(req.headers));

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    if (isPresentable(error)) return { ...shape, data: { ...shape.data, zodError } };
    // The stack (sent outside production) starts with the same message.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message: PLAIN_INTERNAL_MESSAGE, data: { ...data, zodError } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

/** Signed-in users only; ctx.user is non-null inside. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export type ProtectedContext = Context & { user: SessionUser };
