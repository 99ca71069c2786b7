/**
 * The credits PDF worker with faults on demand, for the renderer's tests: a sheet titled "Crash the PDF worker" throws
 * an uncaught exception in the thread, one titled "Hang the PDF worker" never finishes, one titled "Slow sheet" takes
 * 400 ms longer; any other is drawn as usual.
 */
import { parentPort } from "node:worker_threads";

// Attached before the real worker's listener, so it runs first; no request comes before the real worker says "ready".
parentPort.on("message", (request) => {
  if (request.sheet.title === "Crash the PDF worker") throw new Error("a fault injected by the test");
  if (request.sheet.title === "Hang the PDF worker") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // forever, without spinning a core
  if (request.sheet.title === "Slow sheet") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
});
await import("./credits-pdf-worker.mjs");
