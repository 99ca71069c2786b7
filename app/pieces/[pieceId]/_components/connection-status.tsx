import { connectionText, finalMessage, isFinal } from "@/app/_collab/final-status";
import type { ConnectionStatus as Status } from "@/app/_collab/use-collab";
import { usePieceSyncState } from "@/app/_collab/use-sync-state";
import styles from "./connection-status.module.css";

/** The connection, and while offline how many of the person's edits will sync (a polite live region: it is said when it changes). */
export function ConnectionStatus({ status }: { status: Status }) {
  const sync = usePieceSyncState();
  const text = connectionText(status, sync);
  const final = isFinal(status);
  const message = finalMessage(status, sync.refused + sync.unsynced);
  const className = final ? styles.final : text !== status ? styles.waiting : undefined;
  return (
    <span className={`connection ${className ?? ""}`} data-state={status} data-unsynced={sync.unsynced} role="status">
      <span className="visually-hidden">Connection: </span>
      <span data-testid="connection-status">{text}</span>
      {message && (
        <span role="alert" className="alert">
          {" "}
          {message}
        </span>
      )}
    </span>
  );
}
