/**
 * Test doubles for the parts of the server the API does not own: an in-memory Collab over Y.Docs that
 * writes provenance and ledger rows the way the collab server does, and a deterministic Inference.
 * Plus `createApiTestWorld()`: a test database, real auth, and a signed-in caller per person.
 */
import * as Y from "yjs";
import type { Db, DbHandle } from "../../db";
import { noteLedger } from "../../db/schema";
import { createTestDb } from "../../db/test-db";
import { docMaps, initPieceDoc, type GenerationView, type Note } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import { tickOfBar } from "../../lib/time";
import { appendLedger } from "../authorship/ledger";
import { createAuth, type Auth } from "../auth";
import { writeNoteChanges } from "../collab/note-changes";
import { writeAccept } from "../collab/accept-notes";
import { writeImport } from "../collab/import-notes";
import type { Collab, Inference, InferenceRequest, InferenceResult, ModelAttribution, SessionUser } from "../services";
import { createGenerationLine } from "./generation-line";
import { newId } from "./ids";
import { createCaller } from "./root";
import { createContext, type ApiServices } from "./trpc";

export interface MemoryCollab extends Collab {
  doc(pieceId: string): Y.Doc;
  /** A person drawing notes (what the collab server records for a client's edit). */
  addHumanNotes(pieceId: string, user: SessionUser, notes: Note[]): Promise<string[]>;
}

export function createMemoryCollab(db: Db): MemoryCollab {
  const docs = new Map<string, Y.Doc>();
  const doc = (pieceId: string) => {
    let d = docs.get(pieceId);
    if (!d) {
      docs.set(pieceId, (d = new Y.Doc()));
      initPieceDoc(d);
    }
    return d;
  };
  return {
    doc,
    handleUpgrade() {
      throw new Error("the in-memory collab has no WebSocket side");
    },
    async readDoc(pieceId, fn) {
      return fn(doc(pieceId));
    },
    async putGenerationView(pieceId, view: GenerationView) {
      doc(pieceId).transact(() => docMaps(doc(pieceId)).generations.set(view.id, view), "server");
    },
    async removeGenerationView(pieceId, generationId) {
      doc(pieceId).transact(() => docMaps(doc(pieceId)).generations.delete(generationId), "server");
    },
    async acceptNotes(pieceId, notes, by: ModelAttribution, replace?: Region) {
      const { result, ledger } = writeAccept(doc(pieceId), pieceId, notes, by, replace);
      await appendLedger(db, ledger);
      return result;
    },
    async importNotes(pieceId, notes, by, setup) {
      const { noteIds, ledger } = writeImport(doc(pieceId), pieceId, notes, by, setup);
      await appendLedger(db, ledger);
      return noteIds;
    },
    async addHumanNotes(pieceId, user, notes) {
      const ids = notes.map(() => newId());
      const maps = docMaps(doc(pieceId));
      doc(pieceId).transact(() => {
        notes.forEach((n, i) => {
          maps.notes.set(ids[i], n);
          maps.provenance.set(ids[i], { kind: "human", userId: user.id, name: user.name });
        });
      }, user.id);
      await db.insert(noteLedger).values(
        notes.map((n, i) => ({ pieceId, noteId: ids[i], action: "create" as const, authorKind: "human" as const, actorId: user.id, after: n })),
      );
      return ids;
    },
    async applyNoteChanges(pieceId, changes, by) {
      const { applied, ledger } = writeNoteChanges(doc(pieceId), pieceId, changes, by);
      await appendLedger(db, ledger);
      return applied;
    },
    async memberChanged() {}, // no sockets here to follow the change
    async flushAll() {},
    async close() {
      for (const d of docs.values()) d.destroy();
      docs.clear();
    },
  };
}

export interface FakeInference extends Inference {
  behavior: "ok" | "fail" | "hang";
  requests: InferenceRequest[];
}

export const FAKE_MODEL = { name: "fake-fim", version: "0.0.1" };

/** One quarter note a bar per candidate, on the region's first track; candidate c sits c semitones above pitchLo. */
export function createFakeInference(): FakeInference {
  const fake: FakeInference = {
    behavior: "ok",
    requests: [],
    models: () => [{ ...FAKE_MODEL, provider: "cpu", sha256: "0".repeat(64) }],
    async generate(req): Promise<InferenceResult> {
      fake.requests.push(req);
      if (fake.behavior === "fail") throw new Error("the session ran out of memory");
      if (fake.behavior === "hang") return new Promise<never>(() => {});
      const { region, meta } = req;
      const candidates: Note[][] = [];
      for (let c = 0; c < req.candidates; c++) {
        const notes: Note[] = [];
        for (let bar = region.startBar; bar < region.endBar; bar++) {
          const note = { track: region.trackIds[0], pitch: Math.min(region.pitchLo + c, region.pitchHi), start: tickOfBar(bar, meta), duration: 480, velocity: 80 };
          req.onNote?.(c, note);
          notes.push(note);
        }
        candidates.push(notes);
      }
      return { candidates, bitsPerToken: candidates.map(() => 1.5), model: FAKE_MODEL, latencyMs: 3, tokens: 42 };
    },
    async close() {},
  };
  return fake;
}

export interface ApiTestWorld {
  handle: DbHandle;
  auth: Auth;
  collab: MemoryCollab;
  inference: FakeInference;
  services: ApiServices;
  /** Signs a new person up and returns a caller whose context comes from their session cookie. */
  signUp(name: string): Promise<{ user: SessionUser; api: ReturnType<typeof createCaller> }>;
  anonymous(): Promise<ReturnType<typeof createCaller>>;
  close(): Promise<void>;
}

export async function createApiTestWorld(opts: { generationTimeoutMs?: number } = {}): Promise<ApiTestWorld> {
  const handle = await createTestDb();
  const auth = createAuth({ db: handle.db, secret: "api-test-secret-api-test-secret-!!", baseURL: "http://localhost:3000" });
  const collab = createMemoryCollab(handle.db);
  const inference = createFakeInference();
  const generationLine = createGenerationLine();
  const services: ApiServices = { db: handle.db, auth, collab, inference, generationLine, generationTimeoutMs: opts.generationTimeoutMs };
  return {
    handle,
    auth,
    collab,
    inference,
    services,
    async signUp(name) {
      const email = `${name.toLowerCase()}-${newId()}@example.com`;
      const res = await auth.api.signUpEmail({ body: { name, email, password: "password123" }, asResponse: true });
      const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const ctx = await createContext(services, new Headers({ cookie }));
      if (!ctx.user) throw new Error(`sign-up of ${name} gave no session`);
      return { user: ctx.user, api: createCaller(ctx) };
    },
    async anonymous() {
      return createCaller(await createContext(services, new Headers()));
    },
    async close() {
      generationLine.close();
      await collab.close();
      await handle.close();
    },
  };
}
