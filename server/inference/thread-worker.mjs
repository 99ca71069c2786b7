/**
 * The inference thread's entry. A worker thread does not inherit vitest's module transform, and not always tsx's
 * loader, so it registers tsx itself (in its own namespace) and then loads the TypeScript worker; as
 * credits-pdf-worker.mjs does.
 */
import { register } from "tsx/esm/api";

const tsx = register({ namespace: "inference-thread" });
await tsx.import("./thread-worker-impl.ts", import.meta.url);
