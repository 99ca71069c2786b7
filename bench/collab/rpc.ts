/**
 * The bench's calls into a server child process over Node IPC. Each server under test runs in its
 * own process, so its CPU and memory are its own and not the load generator's.
 */
import type { Note } from "../../lib/doc-schema";

/** A server process's CPU time and resident memory over one measured window. */
export interface ResourceUsage {
  cpuMs: number;
  wallMs: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** Event-loop delay p99 over every window sampled so far in this process (a stall delays every message). */
  loopDelayP99Ms: number;
}

export interface Persisted {
  /** The notes of the document rebuilt from the piece's doc_updates rows alone. */
  notes: Record<string, Note>;
  /** note_ledger rows per actor. */
  ledgerByActor: Record<string, number>;
}

export interface PieceMember {
  userId: string;
  role: "owner" | "editor" | "viewer";
}

/** What every bench server child answers. */
export interface BenchServerApi {
  createPiece(members: PieceMember[]): Promise<string>;
  beginSample(): Promise<void>;
  endSample(): Promise<ResourceUsage>;
  notes(pieceId: string): Promise<Record<string, Note>>;
  /** The server doc's state vector as [clientId, clock] pairs. */
  stateVector(pieceId: string): Promise<[number, number][]>;
  /** Flushes, then reads the piece back from the database; null for a server without persistence. */
  persisted(pieceId: string): Promise<Persisted | null>;
  isLoaded(pieceId: string): Promise<boolean>;
  /** Closes the server (saving what is pending) and exits the process. */
  shutdown(): Promise<void>;
}

export type Method = keyof BenchServerApi;
export interface Request {
  id: number;
  method: Method;
  params: unknown[];
}
export interface Response {
  id: number;
  result?: unknown;
  error?: string;
}
export interface Ready {
  ready: true;
  /** The HTTP port the server listens on (127.0.0.1). */
  port: number;
}

/** The child's side: answers the parent's calls with `api`, then says it is ready. */
export function serveApi(api: BenchServerApi, port: number): void {
  const send = (msg: Response | Ready) => process.send?.(msg);
  process.on("message", (msg: Request) => {
    const method = api[msg.method] as (...params: unknown[]) => Promise<unknown>;
    method(...msg.params).then(
      (result) => send({ id: msg.id, result }),
      (err: unknown) => send({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  process.on("disconnect", () => process.exit(0)); // the bench went away: do not linger
  send({ ready: true, port });
}
