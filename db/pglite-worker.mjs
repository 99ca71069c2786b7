// The embedded database's own thread: PGlite (Postgres in WASM) behind the Postgres wire protocol on a Unix socket,
// so its CPU time never blocks the server's event loop and the server talks to it with node-postgres exactly as it
// talks to a real PostgreSQL. Plain JavaScript so that it runs as a worker under tsx, vitest and node alike.
import { createServer } from "node:net";
import os from "node:os";
import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { durableNodeFs, START_PARAMS } from "./pglite-durable.mjs";

const SSL_REQUEST = 80877103; // answered "N": no TLS on a local socket
const CANCEL_REQUEST = 80877102; // not supported by PGlite; dropped
const PROTOCOL_3 = 196608; // a startup message carries the protocol version where others carry a type byte
const REPLY_CHUNK = 64 * 1024;
// Edits wait on the server's event loop; saves have a debounce to spare. On a busy machine this thread yields to the
// loop, so a save never preempts an edit (woken by the loop's query, it used to take the loop's core for its whole run).
const DB_THREAD_NICE = 10;
// V8 compiles Postgres's 9 MB of WASM with its baseline compiler and then, as functions run hot, with its optimizing
// one; that second compiler's work left 50-90 MB more resident in an idle server. Baseline code only cost 4-7% more
// CPU an edit in bench:collab (the database's share of an edit is small) and no slower piece loads. V8 reads the flag
// as it compiles a module; PGlite is the only WASM in the process.
const BASELINE_WASM_ONLY = "--liftoff-only";

const { dataDir, socketPath, from, nice = DB_THREAD_NICE } = workerData;

/** The next complete frontend message at the head of `buf`: its length, or 0 while it is still arriving. */
function messageLength(buf) {
  if (buf.length < 5) return 0;
  if (buf.length >= 8) {
    const code = buf.readInt32BE(4);
    if (code === PROTOCOL_3 || code === SSL_REQUEST || code === CANCEL_REQUEST) {
      const n = buf.readInt32BE(0);
      return buf.length >= n ? n : 0;
    }
  }
  const n = 1 + buf.readInt32BE(1);
  return buf.length >= n ? n : 0;
}

/** Serves one connection; resolves once it has closed and any transaction it left open is rolled back. */
function serve(db, socket) {
  let buf = Buffer.alloc(0);
  let chain = Promise.resolve();
  // Replies are gathered and written once per batch of messages that arrived together (node-postgres sends a whole
  // parse/bind/execute/sync sequence in one write): one write, and one wake-up of the server's thread, per round
  // trip instead of one per reply message. The client waits for nothing it has not sent, so nothing waits on this.
  // A big result still streams, a REPLY_CHUNK at a time, so the client parses it while the rest is produced.
  let replies = [];
  let replyBytes = 0;
  const sendReplies = () => {
    const out = replies;
    replies = [];
    replyBytes = 0;
    if (out.length > 0 && socket.writable) socket.write(out.length === 1 ? out[0] : Buffer.concat(out));
  };
  const reply = (chunk) => {
    replies.push(Buffer.from(chunk)); // copied: PGlite may reuse the memory behind a chunk
    replyBytes += chunk.byteLength;
    if (replyBytes >= REPLY_CHUNK) sendReplies();
  };
  const handle = async (msg) => {
    const code = msg.length >= 8 ? msg.readInt32BE(4) : 0;
    if (msg.length === 8 && code === SSL_REQUEST) return void replies.push(Buffer.from("N"));
    if (msg.length === 16 && code === CANCEL_REQUEST) return;
    await db.runExclusive(() => db.execProtocolRawStream(new Uint8Array(msg), { onRawData: reply }));
  };
  const fail = (err) => {
    console.error("pglite worker: a message failed, closing its connection:", err);
    socket.destroy();
  };
  socket.setNoDelay(true);
  socket.on("data", (data) => {
    buf = Buffer.concat([buf, data]);
    let received = 0;
    for (let n = messageLength(buf); n > 0; n = messageLength(buf), received++) {
      const msg = buf.subarray(0, n);
      buf = buf.subarray(n);
      chain = chain.then(() => handle(msg)).catch(fail);
    }
    if (received > 0) chain = chain.then(sendReplies).catch(fail);
  });
  socket.on("error", () => socket.destroy());
  return new Promise((resolve) =>
    socket.on("close", () => {
      // A connection that went away inside a transaction must not leave it open for the next one.
      chain = chain.then(async () => {
        if (db.isInTransaction()) await db.exec("ROLLBACK");
      });
      resolve(chain.catch(() => {}));
    }),
  );
}

async function main() {
  // Only Linux sets a thread's own priority this way; elsewhere it would renice the whole process.
  if (process.platform === "linux") os.setPriority(nice);
  v8.setFlagsFromString(BASELINE_WASM_ONLY);
  // A save is acknowledged once on disk (pglite-durable.mjs); an in-memory database has no disk to reach.
  const fs = dataDir.startsWith("memory://") ? undefined : durableNodeFs(dataDir);
  // `from`: a data directory as a "dump" gave it (a tarball), in place of a new one: no initdb (db/test-db.ts).
  const db = await PGlite.create(dataDir, { fs, startParams: START_PARAMS, loadDataDir: from && new Blob([from]) });
  const sockets = new Set();
  const done = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    const finished = serve(db, socket).then(() => {
      sockets.delete(socket);
      done.delete(finished);
    });
    done.add(finished);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  parentPort.on("message", async (m) => {
    if (m?.type === "dump") {
      // Checkpointed first, so that a database loaded from it has no WAL to replay.
      await db.exec("CHECKPOINT");
      const tarball = new Uint8Array(await (await db.dumpDataDir("none")).arrayBuffer());
      parentPort.postMessage({ type: "dump", tarball }, [tarball.buffer]);
      return;
    }
    if (m?.type !== "close") return;
    server.close();
    for (const s of sockets) s.destroy();
    await Promise.all(done);
    await db.close();
    parentPort.postMessage({ type: "closed" });
  });
  parentPort.postMessage({ type: "ready" });
}

main().catch((err) => parentPort.postMessage({ type: "error", message: err instanceof Error ? err.stack ?? err.message : String(err) }));
