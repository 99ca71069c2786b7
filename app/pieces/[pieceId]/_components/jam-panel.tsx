"use client";
/**
 * The Jam panel (issue 16): set up a jam and start it, or, while one is on show, follow it (jam-live.tsx). Everyone
 * in the piece sees the same jam; reviewers and viewers watch and listen, and only editors and owners start one.
 */
import type { Track } from "@/lib/doc-schema";
import type { Jam } from "@/app/_jam/use-jam";
import { ErrorAlert } from "@/app/_components/error-alert";
import { JamLive } from "./jam-live";
import { JamSetup, type JamDefaults } from "./jam-setup";
import styles from "./jam.module.css";

export const JAM_PANEL_ID = "jam-panel";

export interface JamPanelProps {
  jam: Jam;
  tracks: readonly (Track & { id: string })[];
  trackMap: ReadonlyMap<string, Track>;
  defaults: JamDefaults;
  /** The piece's tonic, for a mood's key: worked out from the notes when a jam starts. */
  tonicOf(): number;
  /** Why this person cannot start a jam (their role, a replay), or null. */
  watchOnly: string | null;
  owner: boolean;
  onClose(): void;
}

export function JamPanel({ jam, tracks, trackMap, defaults, tonicOf, watchOnly, owner, onClose }: JamPanelProps) {
  const { view } = jam;
  return (
    <section aria-labelledby={JAM_PANEL_ID} data-testid="jam-panel" className={styles.panel}>
      <div className={styles.head}>
        <h2 id={JAM_PANEL_ID} tabIndex={-1}>
          Jam
        </h2>
        {!view && (
          <button type="button" onClick={onClose} aria-label="Close the Jam panel" className={styles.close}>
            ×
          </button>
        )}
      </div>
      {view ? (
        <JamLive jam={{ ...jam, view }} tracks={trackMap} owner={owner} canPlay={watchOnly === null} />
      ) : watchOnly ? (
        <p className="status">{watchOnly} No jam is playing in this piece now.</p>
      ) : (
        <JamSetup defaults={defaults} tracks={tracks} tonicOf={tonicOf} busy={jam.busy} onStart={jam.start} />
      )}
      <ErrorAlert error={jam.error} />
    </section>
  );
}

/** The toolbar's Jam button: opens and closes the panel; while a jam is on show the panel stays, and the button brings it into view. */
export function JamToggle({ open, live, onOpen }: { open: boolean; live: boolean; onOpen(open: boolean): void }) {
  return (
    <button
      type="button"
      aria-pressed={open}
      onClick={() => (live ? document.getElementById(JAM_PANEL_ID)?.focus() : onOpen(!open))}
      title={live ? "A jam is on in this piece: its panel stays open until the take is kept or discarded" : "Jam with the model in real time"}
    >
      Jam{live && <span aria-hidden="true"> ●</span>}
    </button>
  );
}
