/**
 * The whole server as a value: database, auth, inference, collaboration and HTTP routing on one
 * http.Server. server/index.ts runs it with Next; integration tests run it on port 0 without Next.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, type DbHandle } from "../db";
import { createGenerationHomes } from "./api/generation-homes";
import { createGenerationLine, type GenerationLine } from "./api/generation-line";
import { failCutOffRows, startGenerationUpkeep } from "./api/generation-upkeep";
import { createSharedGenerationLine } from "./api/shared-generation-line";
import { createTrpcHandler } from "./api/http-handler";
import { AUTH_BASE_PATH, CLIENT_IP_HEADER, authNodeHandler, createAuth, sessionUserFromRequest } from "./auth";
import { createCollabServer, type CollabServer } from "./collab";
import type { Env } from "./env";
import { createCreditsPdfRenderer } from "./authorship/exports";
import { createExportsRoute, EXPORTS_PATH } from "./exports-route";
import { createRelay } from "./collab/relay";
import { createQueuedInference } from "./inference/queue/queued";
import { createInferenceThread } from "./inference/thread";
import { createFineTuner } from "./adaptation/fine-tune";
import { createStyleFitter } from "./adaptation/fit";
import { createJamClaims } from "./jam/claims";
import { createClusterJamHub } from "./jam/cluster-hub";
import { createJamHub } from "./jam/hub";
import type { Log } from "./log";
import { editorPageOf } from "./editor-page";
import { setPageHeaders } from "./page-headers";
import { refuseUpgrade } from "./refuse-upgrade";
import type { Inference } from "./inference/types";
import { upgradeTarget } from "./upgrade-route";

const COLLAB_PATH = "/collab";

export interface NextHandlers {
  /** `npm run dev`: Next's hot-reload socket is routed to it, and its pages may evaluate code. */
  dev: boolean;
  request(req: IncomingMessage, res: ServerResponse): Promise<void>;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
}

export interface TandemServerOptions {
  /** Next's pages (server/index.ts); without them the server answers the API, sign-in, sockets and exports (tests, benches). */
  next?: NextHandlers;
  /** Jams' bars through the model's line, the default; false only for bench:jam's baseline (server/jam/hub.ts). */
  jamBarLine?: boolean;
}

export interface TandemServer {
  http: Server;
  db: DbHandle;
  collab: CollabServer;
  inference: Inference;
  listen(port: number, host?: string): Promise<number>;
  /** Flushes every open piece, closes sockets, the PDF worker, the model and the database. */
  close(): Promise<void>;
}

export async function createTandemServer(env: Env, log: Log, { next, jamBarLine }: TandemServerOptions = {}): Promise<TandemServer> {
  const db = await createDb(env.DATABASE_URL, { dataDir: path.join(env.DATA_DIR, "pglite") });
  log.info(`database: ${db.kind === "pglite" ? `PGlite in ${path.join(env.DATA_DIR, "pglite")}` : "PostgreSQL"} (migrations applied)`);
  let inference: Inference;
  let generationLine: GenerationLine;
  let cancelRun: ((generationId: string) => Promise<void>) | undefined; // a generation's job, on the workers
  try {
    // With REDIS_URL, generations are jobs for inference workers (npm run worker), and one line in Redis serves the
    // whole cluster as many at once as the workers take; without, the model runs here, one at a time.
    if (env.REDIS_URL) {
      const queued = await createQueuedInference({ redisUrl: env.REDIS_URL, log });
      inference = queued;
      cancelRun = queued.cancel;
      const slots = () => queued.workers().reduce((n, w) => n + w.concurrency, 0);
      generationLine = createSharedGenerationLine({ redisUrl: env.REDIS_URL, log, slots });
    } else {
      inference = await createInferenceThread({ modelDir: env.MODEL_DIR, provider: env.INFERENCE_PROVIDER, log });
      generationLine = createGenerationLine();
    }
  } catch (e) {
    await db.close();
    throw e;
  }
  const origins = [env.PUBLIC_URL, `http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`];
  const auth = createAuth({ db: db.db, secret: env.SESSION_SECRET, baseURL: env.PUBLIC_URL, trustedOrigins: origins });
  // With REDIS_URL, other Tandem processes may serve the same pieces: updates and presence go through Redis.
  const relay = env.REDIS_URL ? createRelay({ redisUrl: env.REDIS_URL, log }) : undefined;
  // And a jam runs in the process that started it, one a piece across them all; the others forward its calls there.
  const jamClaims = env.REDIS_URL && relay ? createJamClaims({ redisUrl: env.REDIS_URL, processId: relay.processId, log }) : undefined;
  // Generations run in the process whose call awaits the model; the others keep their views while they run.
  const generationHomes = env.REDIS_URL && relay ? createGenerationHomes({ redisUrl: env.REDIS_URL, processId: relay.processId, log }) : undefined;
  // Generations a stopped process was running will never finish (with other processes: those none of them runs).
  const stale = await failCutOffRows(db.db, generationHomes);
  if (stale > 0) log.warn(`${stale} generation(s) cut off by a stopped process marked failed`);
  const collab = createCollabServer({
    db: db.db,
    relay,
    jamsAlive: jamClaims?.alive,
    generationsAlive: generationHomes?.alive,
    pathPrefix: COLLAB_PATH,
    allowedOrigins: origins,
    authenticate: (req) => sessionUserFromRequest(auth, req),
    log,
    persistDebounceMs: env.PERSIST_DEBOUNCE_MS,
    unsavedDir: path.join(env.DATA_DIR, "collab-unsaved"),
    idleUnloadMs: env.COLLAB_IDLE_UNLOAD_MS,
  });
  const jams =
    env.REDIS_URL && jamClaims
      ? createClusterJamHub({ collab, log, barLine: jamBarLine, redisUrl: env.REDIS_URL, claims: jamClaims })
      : createJamHub({ collab, log, barLine: jamBarLine });
  // A learned style's exponents are fitted with the model where this process has it (MODEL_DIR), as without Redis.
  const styleFitter = createStyleFitter({ modelDir: env.MODEL_DIR });
  const fineTuner = createFineTuner({ modelDir: env.MODEL_DIR, settings: { seconds: env.FINE_TUNE_SECONDS } });
  void fineTuner.available(); // the check takes a few seconds (importing torch): done before anyone asks
  const generationUpkeep = generationHomes && startGenerationUpkeep({ homes: generationHomes, db: db.db, collab, log, cancelRun });
  const services = { db: db.db, auth, collab, inference, generationLine, generationHomes, jams, styleFitter, fineTuner };
  const handleAuth = authNodeHandler(auth);
  const pdf = createCreditsPdfRenderer({ log }); // its worker starts with the first PDF
  const handleExport = createExportsRoute({ db: db.db, auth, collab, pdf, log });
  const handleTrpc = createTrpcHandler(services, log);

  async function health(res: ServerResponse) {
    let database = "ok";
    try {
      await db.db.execute(sql`select 1`);
    } catch (e) {
      database = `error: ${(e as Error).message}`;
    }
    const body = { ok: database === "ok", database: { kind: db.kind, status: database }, models: inference.models(), openPieces: collab.openPieces().length };
    res.writeHead(body.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  /** The editor page of a piece was asked for: its room loads while the page does (editor-page.ts). */
  async function warmPiece(req: IncomingMessage, pieceId: string) {
    try {
      const user = await sessionUserFromRequest(auth, req);
      if (user !== null) await collab.warm(pieceId, user.id);
    } catch (e) {
      log.warn("loading a piece ahead of its editor failed", { pieceId, error: String(e) }); // its socket loads it then
    }
  }

  const http = createServer((req, res) => {
    const url = req.url ?? "/";
    res.setHeader("x-content-type-options", "nosniff");
    if (url === "/api/health" || url.startsWith("/api/health?")) return void health(res);
    if (url.startsWith(`${AUTH_BASE_PATH}/`)) {
      req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
      return void handleAuth(req, res);
    }
    if (url.startsWith("/api/trpc/")) return void handleTrpc(req, res);
    if (EXPORTS_PATH.test(url)) return void handleExport(req, res);
    setPageHeaders(req, res, next?.dev ?? false);
    const opening = editorPageOf(req);
    if (opening !== null) void warmPiece(req, opening);
    if (next) return void next.request(req, res).catch((e) => log.error("next request failed", { url, error: String(e) }));
    res.writeHead(404).end("not found");
  });
  http.on("upgrade", (req, socket, head) => {
    const target = upgradeTarget(req.url, { collabPrefix: COLLAB_PATH, dev: next?.dev ?? false });
    if (target === "collab") return collab.handleUpgrade(req, socket, head);
    if (target === "next" && next) return void next.upgrade(req, socket, head);
    refuseUpgrade(socket, 404, "Not Found");
  });

  let closing: Promise<void> | null = null;
  return {
    http,
    db,
    collab,
    inference,
    listen: (port, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      }),
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        await jams.close(); // every jam stops, its view goes: nobody could keep it after the restart
        await generationUpkeep?.close();
        await collab.close();
        await jamClaims?.close();
        await generationHomes?.close(); // what runs here still lapses, and another process fails it
        await relay?.close();
        http.closeAllConnections();
        await stopped;
        await generationLine.close();
        fineTuner.close(); // a style still learning is cut off: its row says "building" until it goes stale
        await pdf.close();
        await inference.close();
        await db.close();
      })()),
  };
}
