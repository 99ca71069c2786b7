/** A track picker's options: one a track, by its name (the toolbar's Track, the Jam panel's You play). */
export function TrackOptions({ tracks }: { tracks: readonly { id: string; name: string }[] }) {
  return tracks.map((t) => (
    <option key={t.id} value={t.id}>
      {t.name}
    </option>
  ));
}
