/**
 * How a kept jam's notes are named (issue 16: the ledger, the note history and the report say "jam", with the take's
 * settings): the leader's notes were "played in a jam", the model's are a "jam answer to" the leader.
 */
export const PLAYED_IN_JAM = "played in a jam";
export const jamAnswerTo = (leader: string): string => `jam answer to ${leader}`;

/** "accompaniment, 120 bpm, bars 3-4" from a jam generation's settings (server/api/jam-keep.ts); "" if unreadable. */
export function jamSettingsWords(settings: unknown): string {
  const s = (settings ?? {}) as { mode?: unknown; bpm?: unknown; loop?: { startBar?: unknown; bars?: unknown }; callBars?: unknown };
  const words: string[] = [];
  if (s.mode === "call-and-response") words.push(typeof s.callBars === "number" ? `call and response, ${s.callBars}-bar calls` : "call and response");
  if (s.mode === "accompaniment") words.push("accompaniment");
  if (typeof s.bpm === "number") words.push(`${s.bpm} bpm`);
  const { startBar, bars } = s.loop ?? {};
  if (typeof startBar === "number" && typeof bars === "number") words.push(bars === 1 ? `bar ${startBar + 1}` : `bars ${startBar + 1}-${startBar + bars}`);
  return words.join(", ");
}
