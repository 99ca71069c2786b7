/**
 * A style fit's thread entry (fit.ts). A worker thread does not inherit vitest's module transform, and not always
 * tsx's loader, so it registers tsx itself (in its own namespace) and then loads the TypeScript worker.
 */
import { register } from "tsx/esm/api";

const tsx = register({ namespace: "style-fit" });
await tsx.import("./fit-worker-impl.ts", import.meta.url);
