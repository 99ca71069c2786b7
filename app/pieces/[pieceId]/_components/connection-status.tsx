import { finalMessage } from "@/app/_collab/final-status";
import type { ConnectionStatus as Status } from "@/app/_collab/use-collab";

export function ConnectionStatus({ status }: { status: Status }) {
  const final = finalMessage(status);
  return (
    <span className="connection" data-state={status} role="status" aria-label={`Connection: ${status}`}>
      <span data-testid="connection-status">{status}</span>
      {final && (
        <span role="alert" className="alert">
          {" "}
          {final}
        </span>
      )}
    </span>
  );
}
