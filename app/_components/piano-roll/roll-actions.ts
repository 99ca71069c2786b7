/**
 * The editor's key actions, pressed in the roll, heard on the page or clicked in the edit tools: view,
 * transport and tool change the editor store; edits go through runEdit's named commands, and what they
 * leave behind (selection, clip, keyboard cursor) goes back to the store. Pure of React and the DOM.
 */
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import { loopRange } from "@/app/_playback/transport-settings";
import { runEdit } from "./edit-actions";
import { trackFor } from "./editor-state";
import type { EditorStore } from "./editor-store";
import type { ConfirmRemoval } from "./gestures/types";
import type { PersonalHistory } from "./history";
import type { KeyAction } from "./keyboard";
import { describeCursor, loopFromSelection, pastePoint, startBarOf } from "./roll-keys";
import { gridOption } from "./snap";
import { applyViewAction } from "./view";

/** What the actions act on besides the store: the document as the roll shows it, and the player. */
export interface RollContext {
  doc: Y.Doc;
  history: PersonalHistory | null;
  notes: readonly NoteWithId[]; // every track's, as shown (live, or a replay's)
  meter: Meter;
  trackIds: readonly string[]; // the piece's tracks, in order
  readOnly: boolean;
  getPlayhead(): number | null;
  playToggle(): void;
  /** Asks before delete or cut removes other people's notes. */
  confirmRemoval?: ConfirmRemoval;
}

export function runRollAction(action: KeyAction, store: EditorStore, ctx: RollContext): void {
  if (runLocal(action, store, ctx)) return;
  const removing = action.kind === "delete" || action.kind === "cut" ? store.getState().selection : null;
  // Delete and cut ask first when other people's notes would go; the edit runs on the selection as it is then.
  if (removing && removing.size > 0 && !ctx.readOnly && ctx.confirmRemoval) ctx.confirmRemoval(removing, () => runNoteEdit(action, store, ctx));
  else runNoteEdit(action, store, ctx);
}

/** Selects notes (`drawn`: a note just drawn); the current bar moves to where they start. */
export function selectNotes(store: EditorStore, ids: ReadonlySet<string>, ctx: Pick<RollContext, "notes" | "meter">, drawn = false): void {
  store.select(ids, startBarOf(ctx.notes, ids, ctx.meter), drawn);
}

/** View, transport, tool and loop actions; false when the action is an edit. */
function runLocal(action: KeyAction, store: EditorStore, ctx: RollContext): boolean {
  const s = store.getState();
  switch (action.kind) {
    case "view":
      store.setViewport(applyViewAction(s.viewport, action, ctx.meter));
      return true;
    case "play-toggle":
      ctx.playToggle();
      return true;
    case "shortcuts":
      store.setShortcutsOpen(true);
      return true;
    case "follow-toggle":
      store.setFollow(!s.follow);
      return true;
    case "tool":
      if (!ctx.readOnly || action.tool === "select") store.setTool(action.tool);
      return true;
    case "loop-toggle": {
      const tpb = ticksPerBar(ctx.meter);
      const on = loopRange(s.transport, ctx.meter) !== null;
      store.setLoop(on ? null : loopFromSelection(ctx.notes, s.selection, ctx.meter, s.region.range, s.currentBar * tpb), tpb);
      return true;
    }
    default:
      return false;
  }
}

function runNoteEdit(action: KeyAction, store: EditorStore, ctx: RollContext): void {
  const s = store.getState();
  const out = runEdit(action, {
    doc: ctx.doc,
    history: ctx.history,
    readOnly: ctx.readOnly,
    notes: ctx.notes,
    track: trackFor(s.track, ctx.trackIds),
    trackIds: new Set(ctx.trackIds),
    grid: gridOption(s.gridId).ticks,
    noteLength: s.noteLength,
    meter: ctx.meter,
    selection: s.selection,
    cursor: s.keyCursor,
    pasteAt: pastePoint(ctx.getPlayhead(), s.keyCursor.tick, ctx.meter),
    clip: s.clip,
  });
  if (!out) return;
  if (out.clip) store.setClip(out.clip);
  if (out.selection) selectNotes(store, out.selection, ctx);
  if (out.cursor) store.moveKeyCursor(out.cursor, `Cursor at ${describeCursor(out.cursor, ctx.meter)}.`);
}
