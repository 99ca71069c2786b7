import type { Track } from "@/lib/doc-schema";

export interface ToolbarProps {
  tracks: readonly (Track & { id: string })[];
  track: string;
  onTrack(id: string): void;
  noteCount: number;
  readOnly: boolean;
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
      <label>
        <input type="checkbox" checked={p.colourByAuthor} onChange={(e) => p.onColourByAuthor(e.target.checked)} />
        Colour by author
      </label>
      <span className="status">
        <span data-testid="note-count">{p.noteCount}</span> notes
      </span>
      {p.readOnly && <span className="badge">View only</span>}
    </div>
  );
}
