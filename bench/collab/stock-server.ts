/**
 * Child process: the baseline, the stock @y/websocket-server (setupWSConnection on a plain HTTP
 * server, in-memory documents, no authentication, persistence or attribution).
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { docs, setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import { docMaps, type Note } from "../../lib/doc-schema";
import { resourceSampler } from "./resources";
import { serveApi, type BenchServerApi } from "./rpc";

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server });
wss.on("connection", (conn, req) => setupWSConnection(conn, req));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

// setupWSConnection names a room after the request path: /collab/<pieceId> -> "collab/<pieceId>".
const docOf = (pieceId: string): Y.Doc => {
  const doc = docs.get(`collab/${pieceId}`);
  if (!doc) throw new Error(`no clients on ${pieceId}`);
  return doc;
};
const sampler = resourceSampler();

const api: BenchServerApi = {
  createPiece: async () => `bench-${randomUUID()}`, // any name is a room; nobody is asked who they are
  beginSample: async () => sampler.begin(),
  endSample: async () => sampler.end(),
  notes: async (pieceId) => Object.fromEntries(docMaps(docOf(pieceId)).notes.entries()) as Record<string, Note>,
  stateVector: async (pieceId) => [...Y.decodeStateVector(Y.encodeStateVector(docOf(pieceId)))],
  persisted: async () => null,
  isLoaded: async (pieceId) => docs.has(`collab/${pieceId}`),
  async shutdown() {
    wss.clients.forEach((ws) => ws.terminate());
    wss.close();
    await new Promise((resolve) => server.close(resolve));
    setImmediate(() => process.exit(0));
  },
};

serveApi(api, port);
