"use client";
/**
 * The editor's one toolbar row, as Signal has it: transport, editing tools, the track and the note count, then
 * popovers for the view settings and MIDI. Secondary settings live in the popovers, so the roll keeps the height.
 */
import type { ReactNode } from "react";
import type { Track } from "@/lib/doc-schema";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import type { PersonalHistory } from "@/app/_components/piano-roll/history";
import type { KeyAction } from "@/app/_components/piano-roll/keyboard";
import { useEditor, useTrack } from "@/app/_components/piano-roll/use-editor";
import { plural } from "@/lib/plural";
import { ErrorAlert } from "@/app/_components/error-alert";
import { EditTools } from "./edit-tools";
import { ToolbarMenu } from "./toolbar-menu";
import { TrackOptions } from "./track-options";
import { Transport, type TransportProps } from "./transport";
import styles from "./toolbar.module.css";

export interface ToolbarProps {
  store: EditorStore;
  tracks: readonly (Track & { id: string })[];
  noteCount: number;
  readOnly: boolean;
  transport: TransportProps;
  /** Why playback failed (the sounds did not load, the audio would not start), or null. */
  playbackError: string | null;
  run(action: KeyAction): void;
  /** This person's undo history (Undo and Redo follow it). */
  history: PersonalHistory | null;
  /** The MIDI controls (export, import, a MIDI keyboard), in their popover. */
  midi: ReactNode;
  /** Musical typing's toggle, octave and velocity: on the row, where they can be read while playing. */
  typing: ReactNode;
  /** The Jam panel's button. */
  jam?: ReactNode;
}

const ZOOM_OUT: KeyAction = { kind: "view", bars: 0, pitch: 0, zoom: 0.8 };
const ZOOM_IN: KeyAction = { kind: "view", bars: 0, pitch: 0, zoom: 1.25 };

export function Toolbar({ store, tracks, noteCount, readOnly, transport, playbackError, run, history, midi, typing, jam }: ToolbarProps) {
  const track = useTrack(store, tracks);
  const colourByAuthor = useEditor(store, (s) => s.colourByAuthor);
  const follow = useEditor(store, (s) => s.follow);
  const showVelocity = useEditor(store, (s) => s.showVelocity);
  return (
    <div className={styles.toolbar} data-testid="editor-toolbar">
      <Transport {...transport} />
      <EditTools store={store} readOnly={readOnly} run={run} history={history} />
      <label title="New notes go to this track">
        <span className="visually-hidden">Track</span>
        <select data-testid="track-select" value={track} onChange={(e) => store.setTrack(e.target.value)}>
          <TrackOptions tracks={tracks} />
        </select>
      </label>
      <span className={styles.count}>
        <span data-testid="note-count">{noteCount}</span> {plural(noteCount, "note")}
      </span>
      {readOnly && <span className="badge">View only</span>}
      {playbackError && (
        <div className={styles.message} title={playbackError}>
          <ErrorAlert error={playbackError} />
        </div>
      )}
      <div className={`${styles.group} ${styles.last}`}>
        {typing}
        {jam}
        <ToolbarMenu name="View settings" label="View" align="end" title="Zoom, follow the playhead, the velocity lane, colours by author">
          <div className={styles.row} role="group" aria-label="Zoom">
            Zoom
            <button type="button" onClick={() => run(ZOOM_OUT)} aria-keyshortcuts="-" aria-label="Zoom out" title="Zoom out (−)">
              −
            </button>
            <button type="button" onClick={() => run(ZOOM_IN)} aria-keyshortcuts="+" aria-label="Zoom in" title="Zoom in (+)">
              +
            </button>
          </div>
          <label>
            <input type="checkbox" checked={follow} onChange={(e) => store.setFollow(e.target.checked)} aria-keyshortcuts="F" />
            Follow playhead
          </label>
          <label>
            <input type="checkbox" checked={showVelocity} onChange={(e) => store.setShowVelocity(e.target.checked)} />
            Velocity lane
          </label>
          <label>
            <input type="checkbox" checked={colourByAuthor} onChange={(e) => store.setColourByAuthor(e.target.checked)} />
            Colour by author
          </label>
        </ToolbarMenu>
        <ToolbarMenu name="MIDI" label="MIDI" align="end" testId="midi-menu" title="Export or import MIDI, play in from a MIDI keyboard">
          {midi}
        </ToolbarMenu>
        <button type="button" onClick={() => store.setShortcutsOpen(true)} aria-keyshortcuts="?" aria-haspopup="dialog" aria-label="Shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
