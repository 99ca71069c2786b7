"use client";
/** The people the header folds away: "+N", named in full by its label and listed in a popover. */
import { useHeaderPopover } from "./header-popover";
import styles from "./piece-header.module.css";

interface Props {
  /** What they are, after "+2 more": "members", "people here now". */
  what: string;
  people: readonly { id: string; name: string }[];
}

export function MorePeople({ what, people }: Props) {
  const popover = useHeaderPopover<HTMLLIElement>();
  if (people.length === 0) return null;
  const listed = people.map((p) => p.name).join(", ");
  return (
    <li className={styles.more} ref={popover.wrapRef}>
      <button {...popover.buttonProps} className={`badge ${styles.moreButton}`} aria-label={`+${people.length} more ${what}: ${listed}`} title={listed}>
        +{people.length}
      </button>
      {popover.open && (
        <div id={popover.panelId} className={`invite-popover ${styles.morePanel}`} role="group" aria-label={`More ${what}`}>
          <ul className={styles.moreList}>
            {people.map((p) => (
              <li key={p.id}>{p.name}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
