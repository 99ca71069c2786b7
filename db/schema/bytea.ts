import { customType } from "drizzle-orm/pg-core";

/** Binary data: Yjs updates, a fine-tuned network's weights. PGlite and pg hand back Buffer or Uint8Array alike. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => new Uint8Array(v),
});
