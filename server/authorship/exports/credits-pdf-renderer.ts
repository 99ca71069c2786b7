/**
 * The credits PDF drawn in a worker thread, so parsing the fonts and pdfkit's drawing (66 ms to 2 s a sheet on a busy
 * machine) never hold up the event loop that carries every collaborator's edits. One long-lived worker, started on
 * first use, draws one sheet at a time while later requests wait their turn, served in turn across the people who asked
 * (server/fair-queue.ts), so one person's slow sheets hold another's for at most the one being drawn. Past a limit per
 * person (the route answers 429) or in all (503) a request is refused at once rather than queued without bound. A worker that crashes or overruns the
 * time limit fails the sheet it was drawing, with a message saying so, and a new worker draws the next one.
 */
import { Worker } from "node:worker_threads";
import { createFairQueue, FairQueueFullError, type FairQueueError, type Place } from "../../fair-queue";
import type { Log } from "../../log";
import type { PdfOptions } from "./credits-pdf";
import type { PdfRenderRequest, PdfWorkerMessage } from "./credits-pdf-messages";
import type { CreditsSheet } from "./credits-sheet";

export type CreditsPdfFailure = "crashed" | "timeout" | "failed" | "closed" | "busy" | "too-many";

/** Why a sheet was not drawn, in words a person downloading it can act on (the route sends the message as is). */
export class CreditsPdfError extends Error {
  constructor(
    readonly reason: CreditsPdfFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "CreditsPdfError";
  }
}

export interface CreditsPdfRenderer {
  /** `requester` (a user id) is whose turn it is in line; callers that name nobody share one place in the rotation. */
  render(sheet: CreditsSheet, options?: PdfOptions, requester?: string): Promise<Uint8Array>;
  /** Stops the worker; sheets not yet drawn fail with reason "closed". */
  close(): Promise<void>;
}

export interface CreditsPdfRendererOptions {
  /** The worker's entry: credits-pdf-worker.mjs by default (a test starts one that crashes on demand). */
  workerUrl?: URL;
  /** How long a worker may take to start, and then to draw one sheet, before it is stopped and replaced (default 60 s). */
  timeoutMs?: number;
  /** Sheets that may wait behind the one being drawn; more are refused with reason "busy" (default 16). */
  maxWaiting?: number;
  /** Sheets one person may have drawing or waiting; more are refused with reason "too-many" (default 4). */
  perPerson?: number;
  log?: Pick<Log, "error">;
}

interface Job {
  sheet: CreditsSheet;
  options: PdfOptions;
  resolve(pdf: Uint8Array): void;
  reject(error: CreditsPdfError): void;
}

interface Current {
  job: Job;
  id: number;
  /** Set once the sheet is handed to a ready worker: the time limit on drawing it. */
  timer?: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_WAITING = 16;
const DEFAULT_PER_PERSON = 4;
const BUSY = "The server is drawing many credits PDFs right now; try again in a minute";
const COULD_NOT_START = "The PDF worker could not start; try again";
const SHUTTING_DOWN = "The server is shutting down; the credits PDF was not drawn";

export function createCreditsPdfRenderer(config: CreditsPdfRendererOptions = {}): CreditsPdfRenderer {
  const workerUrl = config.workerUrl ?? new URL("./credits-pdf-worker.mjs", import.meta.url);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxWaiting = config.maxWaiting ?? DEFAULT_MAX_WAITING;
  const perPerson = config.perPerson ?? DEFAULT_PER_PERSON;
  const line = createFairQueue({ perKey: perPerson, maxWaiting });
  const queue: Job[] = []; // the sheet whose turn it is (the line lets one through at a time)
  let worker: Worker | null = null;
  let ready = false;
  let current: Current | null = null;
  let nextId = 1;
  let closed = false;

  /** Ends the sheet in flight, if any, and hands back its job. */
  function takeCurrent(): Job | undefined {
    if (!current) return undefined;
    clearTimeout(current.timer);
    const { job } = current;
    current = null;
    return job;
  }

  /** Stops the worker on purpose (its "exit" is then not a crash), fails the sheet in flight, and goes on with the next. */
  function giveUp(error: CreditsPdfError, message: string) {
    config.log?.error(message, { timeoutMs });
    const w = worker;
    worker = null;
    ready = false;
    void w?.terminate();
    takeCurrent()?.reject(error);
    pump();
  }

  function start(): Worker {
    const w = new Worker(workerUrl);
    ready = false;
    let crash: Error | undefined;
    const startLimit = setTimeout(() => {
      if (w === worker) giveUp(new CreditsPdfError("crashed", COULD_NOT_START), "the credits PDF worker took too long to start and was stopped");
    }, timeoutMs).unref();
    w.on("message", (m: PdfWorkerMessage) => {
      if (w !== worker) return;
      if (m.type === "ready") {
        clearTimeout(startLimit);
        ready = true;
        return pump();
      }
      if (current?.id !== m.id) return;
      const job = takeCurrent()!;
      if (m.type === "done") job.resolve(new Uint8Array(m.pdf));
      else {
        config.log?.error("the credits PDF worker could not draw a sheet", { error: m.message });
        job.reject(new CreditsPdfError("failed", "Drawing the credits PDF failed; try again", { cause: new Error(m.message) }));
      }
      pump();
    });
    w.on("error", (e) => (crash = e)); // an uncaught exception in the worker; "exit" follows
    w.on("exit", (code) => {
      clearTimeout(startLimit);
      if (w !== worker) return; // stopped on purpose (time limit, close)
      const started = ready;
      worker = null;
      ready = false;
      config.log?.error(started ? "the credits PDF worker crashed" : "the credits PDF worker failed to start", { exitCode: code, error: crash && String(crash) });
      const message = started ? "The PDF worker crashed while drawing the credits sheet; try again (a new worker draws the next one)" : COULD_NOT_START;
      takeCurrent()?.reject(new CreditsPdfError("crashed", message, { cause: crash }));
      pump();
    });
    return w;
  }

  /** Starts the next sheet when none is in flight, starting a worker first when there is none. */
  function pump() {
    if (closed) return;
    if (!current) {
      const job = queue.shift();
      if (!job) return void worker?.unref(); // an idle worker does not keep the process alive
      current = { job, id: nextId++ };
    }
    try {
      worker ??= start();
    } catch (e) {
      config.log?.error("the credits PDF worker failed to start", { error: String(e) });
      takeCurrent()!.reject(new CreditsPdfError("crashed", COULD_NOT_START, { cause: e }));
      return pump();
    }
    worker.ref();
    if (!ready || current.timer) return;
    const overran = new CreditsPdfError("timeout", `Drawing the credits PDF took longer than ${timeoutMs / 1000} s and was stopped; try again`);
    current.timer = setTimeout(() => giveUp(overran, "the credits PDF worker overran its time limit and was stopped"), timeoutMs).unref();
    const request: PdfRenderRequest = { type: "render", id: current.id, sheet: current.job.sheet, options: current.job.options };
    try {
      worker.postMessage(request);
    } catch (e) {
      // A sheet that cannot be copied to the worker (not plain data): that sheet fails, the worker carries on.
      takeCurrent()!.reject(new CreditsPdfError("failed", "The credits sheet could not be handed to the PDF worker", { cause: e }));
      pump();
    }
  }

  return {
    render: async (sheet, options = {}, requester = "") => {
      if (closed) throw new CreditsPdfError("closed", SHUTTING_DOWN);
      let place: Place;
      try {
        place = line.join(requester);
      } catch (e) {
        throw refusal(e as FairQueueError, perPerson);
      }
      try {
        await place.turn.catch(() => Promise.reject(new CreditsPdfError("closed", SHUTTING_DOWN))); // the line only fails on close
        return await new Promise<Uint8Array>((resolve, reject) => {
          if (closed) return reject(new CreditsPdfError("closed", SHUTTING_DOWN)); // closed while its turn came
          queue.push({ sheet, options, resolve, reject });
          pump();
        });
      } finally {
        place.leave();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      line.close();
      for (const job of [takeCurrent(), ...queue.splice(0)]) job?.reject(new CreditsPdfError("closed", SHUTTING_DOWN));
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/** A sheet refused at once: its person has perPerson on the way, or the line is full. */
function refusal(e: FairQueueError, perPerson: number): CreditsPdfError {
  if (e instanceof FairQueueFullError && e.limit === "key") {
    const one = perPerson === 1;
    const message = `You already have ${perPerson} credits ${one ? "PDF" : "PDFs"} on the way, the most one person may have; try again once ${one ? "it has" : "one has"} downloaded`;
    return new CreditsPdfError("too-many", message);
  }
  return new CreditsPdfError("busy", BUSY);
}
