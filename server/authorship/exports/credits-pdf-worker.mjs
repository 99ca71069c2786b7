/**
 * The credits PDF worker's entry. A worker thread does not inherit vitest's module transform, and not always tsx's
 * loader, so it registers tsx itself (in its own namespace, beside any loader the process already has) and then loads
 * the TypeScript worker. Works under `tsx server/index.ts`, under vitest, and after `next build` (Next does not bundle
 * server/; the custom server imports it directly).
 */
import { register } from "tsx/esm/api";

const tsx = register({ namespace: "credits-pdf-worker" });
await tsx.import("./credits-pdf-worker-impl.ts", import.meta.url);
