/**
 * y-websocket sends local edits from the doc's "update" event and drops the updates it applied itself
 * (origin = the provider). While anyone listens to that event, Yjs encodes every transaction into an
 * update, so opening a 10,000-note piece encoded the whole 1.7 MB sync reply a second time only for the
 * provider to drop it: about a quarter of the main-thread time of the open. The provider's handler is
 * unplugged for the transactions the provider applies, and plugged back for every other one.
 */
import type * as Y from "yjs";

type UpdateHandler = (update: Uint8Array, origin: unknown) => void;

/** Keeps `handler` on the doc's "update" event for every transaction whose origin is not `remote`; returns an undo. */
export function listenToLocalUpdatesOnly(doc: Y.Doc, remote: unknown, handler: UpdateHandler): () => void {
  let attached = true;
  // Yjs emits afterTransactionCleanup right before it decides whether to encode the transaction's update.
  const onCleanup = (tr: Y.Transaction) => {
    const wanted = tr.origin !== remote;
    if (wanted === attached) return;
    if (wanted) doc.on("update", handler);
    else doc.off("update", handler);
    attached = wanted;
  };
  doc.on("afterTransactionCleanup", onCleanup);
  return () => {
    doc.off("afterTransactionCleanup", onCleanup);
    if (!attached) doc.on("update", handler);
  };
}
