import type { ConnectionStatus as Status } from "@/app/_collab/use-collab";

// Said once the server has ended the connection for good, in place of a bare "disconnected".
const FINAL: Partial<Record<Status, string>> = {
  removed: "You are no longer a member of this piece.",
  "signed out": "You were signed out. Sign in again to keep working.",
};

export function ConnectionStatus({ status }: { status: Status }) {
  return (
    <span className="connection" data-state={status} role="status" aria-label={`Connection: ${status}`}>
      <span data-testid="connection-status">{status}</span>
      {FINAL[status] && (
        <span role="alert" className="alert">
          {" "}
          {FINAL[status]}
        </span>
      )}
    </span>
  );
}
