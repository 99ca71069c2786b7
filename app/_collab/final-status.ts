import { CloseCode } from "@/lib/collab-protocol";
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

// Said once the server has ended the connection for good, in place of a bare "disconnected".
const FINAL_MESSAGE: Partial<Record<ConnectionStatus, string>> = {
  removed: "You are no longer a member of this piece.",
  "signed out": "You were signed out. Sign in again to keep working.",
  "too many tabs": "Tandem is open in too many tabs or windows. Close one, then reload this page.",
  "edit refused": "The server refused an edit from this tab and stopped syncing it; changes made here since were not saved. Reload the page to keep working.",
};

export const finalMessage = (status: ConnectionStatus): string | undefined => FINAL_MESSAGE[status];
