import type { Peer } from "@/app/_collab/presence";

/** Who is here now, each in the colour of their cursor. */
export function PresenceList({ peers }: { peers: readonly Peer[] }) {
  return (
    <ul className="presence" data-testid="presence" aria-label="People here now">
      {peers.map((p) => (
        <li key={p.clientId}>
          <span className="dot" style={{ background: p.user.colour }} aria-hidden />
          {p.user.name}
          {p.isLocal && <span className="visually-hidden"> (you)</span>}
        </li>
      ))}
    </ul>
  );
}
