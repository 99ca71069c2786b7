"use client";
/**
 * The tracks: add, rename, remove; instrument and volume (shared, in the doc); mute and solo (this
 * listener's own, see track-mix.ts). The selected track is where new notes go.
 */
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { INSTRUMENTS, TRACK_ROLES, trackVolume, type Instrument, type Track, type TrackRole } from "@/lib/doc-schema";
import { instrumentOf } from "@/app/_playback/schedule";
import { trackColour, trackLabels } from "@/app/_components/piano-roll/track-colours";
import { addTrack, noteIdsOfTrack, removeTrack, renameTrack, setTrackInstrument, setTrackVolume } from "@/app/_components/piano-roll/track-commands";
import { isAudible, toggleMix, type TrackMix } from "./track-mix";
import { ErrorAlert } from "@/app/_components/error-alert";
import { countOf } from "@/lib/plural";
import type { ChangeGuard } from "./use-change-guard";

const INSTRUMENT_LABELS: Record<Instrument, string> = { piano: "Piano", bass: "Bass", pad: "Pad / strings", lead: "Lead", drums: "Drums" };

export interface TrackPanelProps {
  doc: Y.Doc;
  tracks: readonly (Track & { id: string })[];
  track: string;
  onTrack(id: string): void;
  mix: TrackMix;
  onMix(mix: TrackMix): void;
  readOnly: boolean;
  /** Asks before a track goes with other people's notes on it (use-change-guard.ts); without it, it goes at once. */
  confirmRemoval?: ChangeGuard["confirmRemoval"];
}

export function TrackPanel(p: TrackPanelProps) {
  const [role, setRole] = useState<TrackRole>("melody");
  const [error, setError] = useState<string | null>(null);
  const labels = trackLabels(p.tracks);
  const add = () => {
    const id = addTrack(p.doc, role);
    if (id) p.onTrack(id);
    setError(id ? null : "A piece has at most 16 tracks.");
  };
  const remove = (t: Track & { id: string }) => {
    const go = () => setError(removeTrack(p.doc, t.id) ? null : "The last track cannot be removed.");
    const ids = noteIdsOfTrack(p.doc, t.id);
    const notes = countOf(ids.length, "note");
    const action = { title: `Remove the track “${t.name}” and its ${notes} for everyone?`, confirm: `Remove ${t.name}` };
    if (p.confirmRemoval && ids.length > 0) p.confirmRemoval(ids, go, action);
    else go();
  };
  return (
    <section aria-labelledby="tracks-heading" data-testid="track-panel">
      <h2 id="tracks-heading">Tracks</h2>
      <ul className="tracks">
        {p.tracks.map((t) => (
          <TrackRow key={t.id} t={t} label={labels.get(t.id) ?? ""} {...p} onRemove={() => remove(t)} />
        ))}
      </ul>
      {!p.readOnly && (
        <div className="row">
          <label>
            New track
            <select value={role} onChange={(e) => setRole(e.target.value as TrackRole)}>
              {TRACK_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={add}>
            Add track
          </button>
        </div>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}

function TrackRow({ t, label, onRemove, ...p }: TrackPanelProps & { t: Track & { id: string }; label: string; onRemove(): void }) {
  const [name, setName] = useState(t.name);
  // Keyed by id, so a rename keeps focus in the field; the text follows a rename made elsewhere.
  useEffect(() => setName(t.name), [t.name]);
  const selected = t.id === p.track;
  const audible = isAudible(t.id, p.mix);
  const commitName = () => {
    if (!renameTrack(p.doc, t.id, name)) setName(t.name);
  };
  return (
    <li
      className={`track-row${selected ? " selected" : ""}${audible ? "" : " silent"}`}
      style={{ borderLeftColor: trackColour(t.role) }}
      data-testid={`track-${t.id}`}
    >
      <div className="track-line">
        <button type="button" aria-pressed={selected} onClick={() => p.onTrack(t.id)} aria-label={`Edit ${t.name}`} className="track-pick">
          {selected ? "✎" : "○"}
        </button>
        <input
          aria-label={`Name of track ${t.name}`}
          value={name}
          maxLength={60}
          readOnly={p.readOnly}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === "Enter") commitName();
            if (e.key === "Escape") setName(t.name);
          }}
        />
        <span className="status role" title={`Its notes are labelled ${label} on the roll`}>
          {label} · {t.role}
        </span>
      </div>
      <div className="track-line">
        {/* Shows what plays (schedule.ts): a drums track always plays the kit, whatever its instrument says. */}
        <select
          aria-label={`Instrument of ${t.name}`}
          value={instrumentOf(t)}
          disabled={p.readOnly || t.role === "drums"}
          title={t.role === "drums" ? "A drums track plays the drum kit" : undefined}
          onChange={(e) => setTrackInstrument(p.doc, t.id, e.target.value as Instrument)}
        >
          {INSTRUMENTS.map((i) => (
            <option key={i} value={i}>
              {INSTRUMENT_LABELS[i]}
            </option>
          ))}
        </select>
        <input
          type="range"
          min={0}
          max={100}
          aria-label={`Volume of ${t.name}`}
          value={Math.round(trackVolume(t) * 100)}
          disabled={p.readOnly}
          onChange={(e) => setTrackVolume(p.doc, t.id, Number(e.target.value) / 100)}
        />
        <button type="button" aria-pressed={p.mix.muted.has(t.id)} aria-label={`Mute ${t.name}`} onClick={() => p.onMix(toggleMix(p.mix, "muted", t.id))}>
          M
        </button>
        <button type="button" aria-pressed={p.mix.soloed.has(t.id)} aria-label={`Solo ${t.name}`} onClick={() => p.onMix(toggleMix(p.mix, "soloed", t.id))}>
          S
        </button>
        {!p.readOnly && (
          <button type="button" aria-label={`Remove ${t.name}`} onClick={onRemove} className="danger-link">
            ✕
          </button>
        )}
      </div>
    </li>
  );
}
