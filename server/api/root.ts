import { adaptationRouter } from "./routers/adaptation";
import { authorshipRouter } from "./routers/authorship";
import { commentsRouter } from "./routers/comments";
import { generationRouter } from "./routers/generation";
import { jamRouter } from "./routers/jam";
import { midiRouter } from "./routers/midi";
import { pieceRouter } from "./routers/piece";
import { reviewRouter } from "./routers/review";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  piece: pieceRouter,
  generation: generationRouter,
  authorship: authorshipRouter,
  review: reviewRouter,
  comments: commentsRouter,
  midi: midiRouter,
  jam: jamRouter,
  adaptation: adaptationRouter,
});

export type AppRouter = typeof appRouter;

/** A server-side caller (tests, RSC): `createCaller(await createContext(services, headers))`. */
export const createCaller = createCallerFactory(appRouter);
