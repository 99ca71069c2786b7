"use client";
/** The keyboard shortcuts sheet: a modal dialog opened with ? or the toolbar's Shortcuts button. */
import { useEffect, useRef } from "react";
import { SHORTCUTS } from "@/app/_components/piano-roll/shortcuts";

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose} data-testid="shortcuts-dialog">
      {/* Close sits by the title: its autofocus would otherwise scroll a tall sheet to its end on opening. */}
      <div className="sheet-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <form method="dialog">
          <button type="submit" autoFocus>
            Close
          </button>
        </form>
      </div>
      <p className="status">With the piano roll focused (click it, or Tab to it). Space, undo, redo and ? also work while nothing else has focus, and after a click on a button or checkbox.</p>
      <div className="shortcut-groups">
        {SHORTCUTS.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.items.map((s) => (
                <div key={s.keys} className="shortcut">
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
