/**
 * The model's line. One generation runs at a time (onnxruntime-node runs a step on the event loop's thread, so two
 * requests interleaved only make both slower), and the waiting ones are served in turn across the people who asked
 * (server/fair-queue.ts): one person's backlog delays someone else's next request by at most the one running.
 */
import { TRPCError } from "@trpc/server";
import { createFairQueue, FairQueueError, type Place } from "../fair-queue";

/** A generation's place in the model's line: its turn, and leave() once it ran (or is no longer wanted). */
export type LinePlace = Place;

/** Requests one person may have running or waiting at once. */
export const MAX_REQUESTS_PER_PERSON = 12;
/** A request that has not reached the model by then fails; each one ahead of it runs for at most its own time limit. */
const MAX_WAIT_MS = 10 * 60_000;

export interface GenerationLineOptions {
  perPerson?: number;
  concurrency?: number;
  maxWaitMs?: number;
}

export interface GenerationLine {
  /**
   * A place in line for a generation; `onPosition` hears its position while it waits (1 is next). Throws a
   * TOO_MANY_REQUESTS TRPCError at once when the person already has perPerson requests running or waiting.
   */
  join(requesterId: string, generationId: string, onPosition: (position: number) => void): Promise<LinePlace>;
  /** A discarded generation that is still waiting leaves the line (its turn fails with reason "cancelled"). */
  withdraw(generationId: string): void;
  /** Waiting generations fail (reason "closed"); the running one finishes. */
  close(): Promise<void>;
}

export function createGenerationLine(options: GenerationLineOptions = {}): GenerationLine {
  const perPerson = options.perPerson ?? MAX_REQUESTS_PER_PERSON;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const queue = createFairQueue({ perKey: perPerson, concurrency: options.concurrency ?? 1 });
  const waiting = new Map<string, AbortController>();
  return {
    async join(requesterId, generationId, onPosition) {
      const withdraw = new AbortController();
      let place: Place;
      try {
        place = queue.join(requesterId, { signal: withdraw.signal, maxWaitMs, onPosition });
      } catch (e) {
        if (e instanceof FairQueueError && e.reason === "full") {
          throw tooManyRequests(perPerson);
        }
        throw lineFailure(e as FairQueueError, maxWaitMs);
      }
      waiting.set(generationId, withdraw);
      const forget = () => waiting.delete(generationId);
      // Once it runs, a discard lets it finish and hides the result, as before.
      const turn = place.turn.then(
        () => void forget(),
        (e: FairQueueError) => {
          forget();
          throw lineFailure(e, maxWaitMs);
        },
      );
      turn.catch(() => undefined); // failed before anyone awaits it: no unhandled rejection
      return {
        turn,
        leave() {
          forget();
          place.leave();
        },
      };
    },
    withdraw: (generationId) => waiting.get(generationId)?.abort(),
    close: async () => queue.close(),
  };
}

/** Refused at once: the person already holds `perPerson` places, running or waiting. */
export function tooManyRequests(perPerson: number): TRPCError {
  return new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `You already have ${perPerson} requests running or waiting for the model, the most one person may have; wait for one to finish`,
  });
}

/** Why a generation left the line before the model ran it, in words for the person who asked. */
export function lineFailure(err: FairQueueError, maxWaitMs: number): TRPCError {
  if (err.reason === "cancelled") return new TRPCError({ code: "CLIENT_CLOSED_REQUEST", message: "This request was discarded before the model ran it" });
  if (err.reason === "timeout") {
    const waited = `${Math.round(maxWaitMs / 60_000)} min`;
    return new TRPCError({ code: "TIMEOUT", message: `The model is busy: this request waited ${waited} in line without its turn; try again later` });
  }
  if (err.reason === "lost") {
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "This request lost its place in the model's line (the server did not reach the line for a few seconds); ask again" });
  }
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The server is shutting down; the model did not run this request" });
}

/**
 * Publishes a waiting generation's position in line, in order. Positions heard before open() are kept (the latest
 * goes out first, with the view); stop() waits for the last publish, so the running view always lands after them.
 */
export function linePositionViews(publish: (position: number | undefined) => Promise<void>) {
  let position: number | undefined;
  let open = false;
  let chain: Promise<void> = Promise.resolve();
  return {
    onPosition(p: number) {
      position = p;
      // Best effort, like the partial views: the next change or the running view corrects a lost one.
      if (open) chain = chain.then(() => publish(p)).catch(() => undefined);
    },
    /** Publishes the view now (with its position, if it waits; a failure rejects) and every change from here on. */
    open(): Promise<void> {
      open = true;
      const first = chain.then(() => publish(position));
      chain = first.catch(() => undefined);
      return first;
    },
    async stop() {
      open = false;
      await chain;
    },
  };
}
