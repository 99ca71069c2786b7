import type { Track } from "@/lib/doc-schema";
import type { PlayingWhat } from "@/app/_playback/use-player";

export interface ToolbarProps {
  tracks: readonly (Track & { id: string })[];
  track: string;
  onTrack(id: string): void;
  noteCount: number;
  readOnly: boolean;
  playing: PlayingWhat;
  playError: string | null;
  onPlay(from: "start" | "bar"): void;
  onStop(): void;
  currentBar: number; // 0-based
  colourByAuthor: boolean;
  onColourByAuthor(on: boolean): void;
}

export function Toolbar(p: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Editor tools">
      <label>
        Track
        <select data-testid="track-select" value={p.track} onChange={(e) => p.onTrack(e.target.value)}>
          {p.tracks.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <div className="group" role="group" aria-label="Playback">
        <button type="button" onClick={() => p.onPlay("start")} disabled={p.playing !== null}>
          ▶ Play
        </button>
        <button type="button" onClick={() => p.onPlay("bar")} disabled={p.playing !== null}>
          Play from bar {p.currentBar + 1}
        </button>
        <button type="button" onClick={p.onStop} disabled={p.playing === null}>
          ■ Stop
        </button>
      </div>
      <label>
        <input type="checkbox" checked={p.colourByAuthor} onChange={(e) => p.onColourByAuthor(e.target.checked)} />
        Colour by author
      </label>
      <span className="status">
        <span data-testid="note-count">{p.noteCount}</span> notes
      </span>
      {p.readOnly && <span className="badge">View only</span>}
      {p.playError && (
        <p role="alert" className="alert">
          {p.playError}
        </p>
      )}
    </div>
  );
}
