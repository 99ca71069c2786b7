/**
 * Transaction origins on a piece's Y.Doc. A client connection is itself the origin of the updates
 * it sends (see connection.ts); everything the server writes carries one of these.
 */
import * as Y from "yjs";
import type { ModelAttribution } from "../services";

/** Applies `updates` in one transaction under `origin`: one "update" event, one cleanup, one broadcast entry. */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
  doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u, origin)), origin);
}

/** Rows read back from doc_updates when a room loads: neither broadcast-worthy nor persisted again. */
export const SERVER_LOAD = "server-load";
/** Updates another app process made and checked, relayed through Redis (relay.ts): applied, never re-attributed or saved. */
export const RELAY = "relay";
/** The default meter and tracks written into a brand-new piece. */
export const SERVER_INIT = "server-init";
/** Repairs and reverts of client writes, and the provenance the server derives from them. */
export const SERVER_REPAIR = "server-repair";
/** Ghost candidates in the `generations` map (not ledgered). */
export const SERVER_GENERATION = "server-generation";
/** Live jams in the `jams` map (not ledgered), and a kept take's notes. */
export const SERVER_JAM = "server-jam";

export interface ModelAcceptOrigin extends ModelAttribution {
  kind: "model-accept";
}

export const modelAcceptOrigin = (by: ModelAttribution): ModelAcceptOrigin => ({ kind: "model-accept", ...by });
