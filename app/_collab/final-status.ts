import { CloseCode } from "@/server/collab/close-codes";
import type { ConnectionStatus } from "./use-collab";

/** The status a final close from the server leaves, by its code: no access any more, or no session. */
export function finalStatus(code: number): ConnectionStatus {
  if (code === CloseCode.membershipEnded) return "removed";
  if (code === CloseCode.unauthenticated || code === CloseCode.sessionEnded) return "signed out";
  return "disconnected";
}
