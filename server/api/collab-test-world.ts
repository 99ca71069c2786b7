/**
 * Router and HTTP tests over the real collab server: a test database, real auth, the collab server saving at
 * once behind a plain HTTP server on port 0, the deterministic fake model, and a signed-in caller per person.
 * People write into a piece as the editor does, through a real y-websocket client (drawNotes, edit). With `redis`, a
 * world is one of several app processes over one database.
 */
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type * as Y from "yjs";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { docMaps, type Note } from "../../lib/doc-schema";
import { createAuth, sessionUserFromRequest, type Auth } from "../auth";
import { createCollabServer, type CollabServer } from "../collab";
import { createLog } from "../log";
import type { SessionUser } from "../services";
import { writeAsClient } from "../testing/client-write";
import { createRelay } from "../collab/relay";
import { createJamClaims } from "../jam/claims";
import { createGenerationHomes } from "./generation-homes";
import { failCutOffRows, startGenerationUpkeep } from "./generation-upkeep";
import { createClusterJamHub } from "../jam/cluster-hub";
import { createJamHub, type JamHubOptions } from "../jam/hub";
import { createFakeInference, type FakeInference } from "./fake-inference";
import { createGenerationLine } from "./generation-line";
import { newId } from "./ids";
import { createCaller } from "./root";
import { createContext, type ApiServices } from "./trpc";

type Caller = ReturnType<typeof createCaller>;

export interface Person {
  user: SessionUser;
  /** Their session cookie, as a browser sends it. */
  cookie: string;
  api: Caller;
}

export interface CollabTestWorld {
  handle: DbHandle;
  auth: Auth;
  collab: CollabServer;
  inference: FakeInference;
  services: ApiServices;
  /** Where y-websocket clients connect: `ws://127.0.0.1:<port>/collab`. */
  url: string;
  /** Signs a new person up (a fresh e-mail address each time) and returns a caller whose context comes from their session cookie. */
  signUp(name: string): Promise<Person>;
  /** The same person (signed up in this world or one sharing its database) calling this world's API. */
  as(person: Person): Promise<Person>;
  anonymous(): Promise<Caller>;
  /** `who` changes the piece through a client, in one transaction; resolves once the server has applied and saved it. */
  edit(pieceId: string, who: Person, change: (maps: ReturnType<typeof docMaps>) => void): Promise<void>;
  /** `who` draws `notes` through a client, in one transaction; resolves to their ids, in order, once saved. */
  drawNotes(pieceId: string, who: Person, notes: Note[]): Promise<string[]>;
  /** With `redis`: this process stops renewing the homes of the generations it runs, as a killed one does. */
  stopRenewing(): Promise<void>;
  close(): Promise<void>;
}

export interface CollabTestWorldOptions {
  generationTimeoutMs?: number;
  /**
   * One of several app processes on Redis (issue 15): the collab server has a relay, and jams are the cluster's
   * (server/jam/cluster-hub.ts). Several such worlds over one database are several processes, each with its own id.
   */
  redis?: { url: string; sameDatabaseAs?: CollabTestWorld; leaseMs?: number; times?: JamHubOptions["times"]; askTimeoutMs?: number };
}

export async function createCollabTestWorld(opts: CollabTestWorldOptions = {}): Promise<CollabTestWorld> {
  const shared = opts.redis?.sameDatabaseAs;
  const handle = shared?.handle ?? (await createTestDb());
  const auth = shared?.auth ?? createAuth({ db: handle.db, secret: "collab-test-secret-collab-test-secret", baseURL: "http://localhost:3000" });
  const log = createLog("collab", true);
  const relay = opts.redis && createRelay({ redisUrl: opts.redis.url, log });
  const claims = opts.redis && relay && createJamClaims({ redisUrl: opts.redis.url, processId: relay.processId, log, leaseMs: opts.redis.leaseMs });
  const authenticate = (req: http.IncomingMessage) => sessionUserFromRequest(auth, req);
  const generationHomes = opts.redis && relay && createGenerationHomes({ redisUrl: opts.redis.url, processId: relay.processId, log, leaseMs: opts.redis.leaseMs });
  await failCutOffRows(handle.db, generationHomes); // as a process starting does
  const collab = createCollabServer({ db: handle.db, authenticate, log, persistDebounceMs: 0, relay, unsavedDir: mkdtempSync(path.join(os.tmpdir(), "tandem-unsaved-")), jamsAlive: claims?.alive, generationsAlive: generationHomes?.alive });
  const generationUpkeep = generationHomes && startGenerationUpkeep({ homes: generationHomes, db: handle.db, collab, log, checkMs: opts.redis?.times?.check });
  const inference = createFakeInference();
  const generationLine = createGenerationLine();
  const jams =
    opts.redis && claims
      ? createClusterJamHub({ collab, log, redisUrl: opts.redis.url, claims, times: opts.redis.times, askTimeoutMs: opts.redis.askTimeoutMs })
      : createJamHub({ collab, log });
  const services: ApiServices = { db: handle.db, auth, collab, inference, generationLine, generationHomes, generationTimeoutMs: opts.generationTimeoutMs, jams };
  const server = await listenForUpgrades(collab);
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab`;
  const edit = (pieceId: string, who: Person, change: (maps: ReturnType<typeof docMaps>) => void) =>
    writeAsClient(url, collab, pieceId, who.cookie, (doc: Y.Doc) => change(docMaps(doc)));
  return {
    handle,
    auth,
    collab,
    inference,
    services,
    url,
    async signUp(name) {
      const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${newId()}@example.com`;
      const res = await auth.api.signUpEmail({ body: { name, email, password: "password123" }, asResponse: true });
      const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const ctx = await createContext(services, new Headers({ cookie }));
      if (!ctx.user) throw new Error(`sign-up of ${name} gave no session`);
      return { user: ctx.user, cookie, api: createCaller(ctx) };
    },
    async as({ user, cookie }) {
      return { user, cookie, api: createCaller(await createContext(services, new Headers({ cookie }))) };
    },
    async anonymous() {
      return createCaller(await createContext(services, new Headers()));
    },
    edit,
    async drawNotes(pieceId, who, notes) {
      const ids = notes.map(() => newId());
      await edit(pieceId, who, (maps) => notes.forEach((n, i) => maps.notes.set(ids[i], n)));
      return ids;
    },
    async stopRenewing() {
      await generationUpkeep?.close();
      await generationHomes?.close();
    },
    async close() {
      generationLine.close();
      await services.jams.close();
      await generationUpkeep?.close();
      await collab.close();
      await claims?.close();
      await generationHomes?.close();
      await relay?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (!shared) await handle.close();
    },
  };
}

/** A plain HTTP server on port 0 that hands every WebSocket upgrade to the collab server, as server/index.ts does for /collab. */
async function listenForUpgrades(collab: CollabServer): Promise<http.Server> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
