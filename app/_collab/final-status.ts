import { CloseCode } from "@/lib/collab-protocol";
import type { SyncState } from "./unsynced-edits";
import type { ConnectionStatus } from "./use-collab";

/** The status a final close from the server leaves, by its code: no access any more, no session, too many tabs, or an edit refused. */
export function finalStatus(code: number): ConnectionStatus {
  switch (code) {
    case CloseCode.membershipEnded:
      return "removed";
    case CloseCode.unauthenticated:
    case CloseCode.sessionEnded:
      return "signed out";
    case CloseCode.tooManySockets:
      return "too many tabs";
    case CloseCode.updateRefused:
    case CloseCode.updateTooLarge:
      return "edit refused";
    default:
      return "disconnected";
  }
}

const changes = (n: number): string => `${n} ${n === 1 ? "change" : "changes"}`;
const wereNotSaved = (n: number): string => `${changes(n)} made here ${n === 1 ? "was" : "were"} not saved`;

// Said once the server has ended the connection for good, in place of a bare "disconnected".
const FINAL_MESSAGE: Partial<Record<ConnectionStatus, string>> = {
  removed: "You are no longer a member of this piece.",
  "signed out": "You were signed out. Sign in again to keep working.",
  "too many tabs": "Tandem is open in too many tabs or windows. Close one, then reload this page.",
  "edit refused": "The server refused an edit from this tab and stopped syncing it; changes made here since were not saved. Reload the page to keep working.",
  "view only": "You can only view this piece now, so changes made here were not saved. Reload the page to see the piece as it is.",
};

/** Whether the status is one the server (or its refusal) left for good: the page stops syncing. */
export const isFinal = (status: ConnectionStatus): boolean => FINAL_MESSAGE[status] !== undefined;

/** What to tell the person of a final status; `notSaved`: how many of their edits in this tab never reached the server. */
export function finalMessage(status: ConnectionStatus, notSaved = 0): string | undefined {
  const message = FINAL_MESSAGE[status];
  if (message === undefined || notSaved === 0) return message;
  if (status === "view only") return `You can only view this piece now, so the ${wereNotSaved(notSaved)}. Reload the page to see the piece as it is.`;
  if (status === "edit refused") return `The server refused an edit from this tab and stopped syncing it; ${wereNotSaved(notSaved)}. Reload the page to keep working.`;
  return `${message} ${wereNotSaved(notSaved)}.`;
}

/** The words beside the connection: how many of the person's edits are still to sync while offline or catching up. */
export function connectionText(status: ConnectionStatus, sync: SyncState): string {
  if (isFinal(status) || !sync.loaded) return status;
  const socketDown = status === "connecting" || status === "disconnected";
  if (socketDown) return sync.unsynced > 0 ? `offline: ${changes(sync.unsynced)} will sync` : "offline, reconnecting";
  if (sync.unsynced > 0 && (status === "syncing" || sync.catchingUp)) return `syncing ${changes(sync.unsynced)}`;
  return status;
}
