/** A bar ruler for the comments: one cell a bar, marked where open comments are; a click shows those bars on the roll. */
export interface RulerComment {
  id: string;
  startBar: number;
  endBar: number;
  resolvedAt: Date | null;
}

export function CommentsRuler({ bars, comments, onShow }: { bars: number; comments: RulerComment[]; onShow(startBar: number, endBar: number): void }) {
  const open = comments.filter((c) => c.resolvedAt === null);
  const count = Math.max(bars, ...open.map((c) => c.endBar), 1);
  const marked = (bar: number) => open.filter((c) => c.startBar <= bar && bar < c.endBar);
  return (
    <ol className="comments-ruler" aria-label="Bars with open comments" data-testid="comment-markers">
      {Array.from({ length: count }, (_, bar) => {
        const here = marked(bar);
        return (
          <li key={bar}>
            <button
              type="button"
              className={here.length > 0 ? "marked" : undefined}
              title={here.length > 0 ? `Bar ${bar + 1}: ${here.length} open comment${here.length === 1 ? "" : "s"}` : `Bar ${bar + 1}`}
              aria-label={here.length > 0 ? `Bar ${bar + 1}, ${here.length} open comment${here.length === 1 ? "" : "s"}` : `Bar ${bar + 1}`}
              onClick={() => onShow(bar, bar + 1)}
            >
              {bar % 4 === 0 ? bar + 1 : ""}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
