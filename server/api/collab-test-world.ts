/**
 * Router and HTTP tests over the real collab server: a test database, real auth, the collab server saving at
 * once behind a plain HTTP server on port 0, the deterministic fake model, and a signed-in caller per person.
 * People write into a piece as the editor does, through a real y-websocket client (drawNotes, edit).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type * as Y from "yjs";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { docMaps, type Note } from "../../lib/doc-schema";
import { createAuth, sessionUserFromRequest, type Auth } from "../auth";
import { createCollabServer, type CollabServer } from "../collab";
import { createLog } from "../log";
import type { SessionUser } from "../services";
import { writeAsClient } from "../testing/client-write";
import { createJamHub } from "../jam/hub";
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
  anonymous(): Promise<Caller>;
  /** `who` changes the piece through a client, in one transaction; resolves once the server has applied and saved it. */
  edit(pieceId: string, who: Person, change: (maps: ReturnType<typeof docMaps>) => void): Promise<void>;
  /** `who` draws `notes` through a client, in one transaction; resolves to their ids, in order, once saved. */
  drawNotes(pieceId: string, who: Person, notes: Note[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function createCollabTestWorld(opts: { generationTimeoutMs?: number } = {}): Promise<CollabTestWorld> {
  const handle = await createTestDb();
  const auth = createAuth({ db: handle.db, secret: "collab-test-secret-collab-test-secret", baseURL: "http://localhost:3000" });
  const collab = createCollabServer({ db: handle.db, authenticate: (req) => sessionUserFromRequest(auth, req), log: createLog("collab", true), persistDebounceMs: 0 });
  const inference = createFakeInference();
  const generationLine = createGenerationLine();
  const jams = createJamHub({ collab, log: createLog("jam", true) });
  const services: ApiServices = { db: handle.db, auth, collab, inference, generationLine, generationTimeoutMs: opts.generationTimeoutMs, jams };
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
    async anonymous() {
      return createCaller(await createContext(services, new Headers()));
    },
    edit,
    async drawNotes(pieceId, who, notes) {
      const ids = notes.map(() => newId());
      await edit(pieceId, who, (maps) => notes.forEach((n, i) => maps.notes.set(ids[i], n)));
      return ids;
    },
    async close() {
      generationLine.close();
      await services.jams.close();
      await collab.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await handle.close();
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
