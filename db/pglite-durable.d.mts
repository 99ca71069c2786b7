import type { NodeFS } from "@electric-sql/pglite/nodefs";

export const START_PARAMS: string[];
export function durableNodeFs(dataDir: string): NodeFS;
export function syncTree(dir: string): void;
