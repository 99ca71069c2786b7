import { peopleHere, type Peer } from "@/app/_collab/presence";
import { foldPeople } from "./header-people";
import { MorePeople } from "./more-people";
import styles from "./piece-header.module.css";

/** Who is here now, each in the colour of their cursor, and once however many tabs they have open; past the first few, "+N". */
export function PresenceList({ peers }: { peers: readonly Peer[] }) {
  const { shown, more } = foldPeople(peopleHere(peers));
  return (
    <ul className={`presence ${styles.people}`} data-testid="presence" aria-label="People here now">
      {shown.map((p) => (
        <li key={p.user.id}>
          <span className="dot" style={{ background: p.user.colour }} aria-hidden />
          {p.user.name}
          {p.isLocal && <span className="visually-hidden"> (you)</span>}
          {p.tabs > 1 && <span className="status"> ({p.tabs} tabs)</span>}
        </li>
      ))}
      <MorePeople what="people here now" people={more.map((p) => ({ id: p.user.id, name: p.isLocal ? `${p.user.name} (you)` : p.user.name }))} />
    </ul>
  );
}
