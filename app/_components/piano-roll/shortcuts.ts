/** The shortcuts sheet: what the keyboard does, in the words a musician reads (kept beside keyboard.ts). */

export interface Shortcut {
  keys: string;
  does: string;
}

export interface ShortcutGroup {
  title: string;
  items: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: "Transport",
    items: [
      { keys: "Space", does: "Play / stop" },
      { keys: "L", does: "Loop the selected bars (again to clear the loop)" },
      { keys: "F", does: "Follow the playhead on / off" },
    ],
  },
  {
    title: "Tools",
    items: [
      { keys: "D", does: "Draw tool" },
      { keys: "S", does: "Select tool" },
      { keys: "E", does: "Erase tool" },
      { keys: "Shift + drag", does: "Select with a box, whatever the tool" },
    ],
  },
  {
    title: "Editing",
    items: [
      { keys: "Enter", does: "Add a note at the keyboard cursor" },
      { keys: "← →", does: "Move the selection (or the cursor) by a grid step" },
      { keys: "Shift + ← →", does: "Move by a bar" },
      { keys: "↑ ↓", does: "Transpose by a semitone (or move the cursor)" },
      { keys: "Shift + ↑ ↓", does: "Transpose by an octave" },
      { keys: "Alt + ↑ ↓", does: "Velocity of the selection up / down" },
      { keys: "Q", does: "Quantize the selection (or the whole track)" },
      { keys: "Delete / Backspace", does: "Delete the selection" },
      { keys: "Escape", does: "Clear the selection" },
    ],
  },
  {
    title: "Clipboard and history",
    items: [
      { keys: "Ctrl/Cmd + A", does: "Select all notes of the track" },
      { keys: "Ctrl/Cmd + C / X / V", does: "Copy / cut / paste (in the bar playing, else in the bar last clicked)" },
      { keys: "Ctrl/Cmd + D", does: "Duplicate the selection right after itself" },
      { keys: "Ctrl/Cmd + Z", does: "Undo your own last change (never a collaborator's)" },
      { keys: "Ctrl/Cmd + Shift + Z, Ctrl + Y", does: "Redo" },
    ],
  },
  {
    title: "View",
    items: [
      { keys: "Wheel, PageUp / PageDown", does: "Scroll pitches" },
      { keys: "Shift + wheel, [ ]", does: "Scroll in time" },
      { keys: "Ctrl + wheel, + −", does: "Zoom in time" },
      { keys: "Alt + wheel, Alt + Shift + ↑ ↓", does: "Zoom pitches (row height)" },
      { keys: "?", does: "This sheet" },
    ],
  },
];
