import type { ConnectionStatus as Status } from "@/app/_collab/use-collab";

export function ConnectionStatus({ status }: { status: Status }) {
  return (
    <span className="connection" data-state={status} role="status" aria-label={`Connection: ${status}`}>
      <span data-testid="connection-status">{status}</span>
    </span>
  );
}
