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
      { keys: "B", does: "Bars tool: drag across bars to ask the AI about them" },
      { keys: "Shift + drag", does: "Select the track's notes with a box, whatever the tool (adds to the selection)" },
      { keys: "Alt + drag", does: "Select with a box in every track" },
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
    // Musical typing's keys (app/_components/midi/musical-typing.ts): while it is on, letters play instead.
    title: "Musical typing",
    items: [
      { keys: "M", does: "Musical typing on / off: the letter keys play the selected track" },
      { keys: "A W S E D F T G Y H U J K O L P ;", does: "Play C, C♯, D … up to the next octave's E (recorded while the piece plays)" },
      { keys: "Z X", does: "Octave down / up" },
      { keys: "C V", does: "Velocity down / up" },
      { keys: "Escape", does: "Musical typing off" },
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
