/**
 * For router tests over the real collab server (not the in-memory double): a test database, real auth,
 * the collab server saving at once, and a signed-in caller per person.
 */
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { createAuth, sessionUserFromRequest } from "../auth";
import { createCollabServer, type CollabServer } from "../collab";
import { createLog } from "../log";
import type { SessionUser } from "../services";
import { createCaller } from "./root";
import { createGenerationLine } from "./generation-line";
import { createFakeInference } from "./test-helpers";
import { createContext, type ApiServices } from "./trpc";

export interface CollabTestWorld {
  handle: DbHandle;
  collab: CollabServer;
  services: ApiServices;
  signUp(name: string): Promise<{ user: SessionUser; api: ReturnType<typeof createCaller> }>;
  close(): Promise<void>;
}

export async function createCollabTestWorld(): Promise<CollabTestWorld> {
  const handle = await createTestDb();
  const auth = createAuth({ db: handle.db, secret: "collab-test-secret-collab-test-secret", baseURL: "http://localhost:3000" });
  const collab = createCollabServer({ db: handle.db, authenticate: (req) => sessionUserFromRequest(auth, req), log: createLog("collab", true), persistDebounceMs: 0 });
  const services: ApiServices = { db: handle.db, auth, collab, inference: createFakeInference(), generationLine: createGenerationLine() };
  return {
    handle,
    collab,
    services,
    async signUp(name) {
      const res = await auth.api.signUpEmail({ body: { name, email: `${name}@example.com`, password: "password123" }, asResponse: true });
      const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const ctx = await createContext(services, new Headers({ cookie }));
      if (!ctx.user) throw new Error(`sign-up of ${name} gave no session`);
      return { user: ctx.user, api: createCaller(ctx) };
    },
    async close() {
      await collab.close();
      await handle.close();
    },
  };
}
