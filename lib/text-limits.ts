/**
 * What people may type where it is kept and shown to others: names, piece titles and comments. The
 * server checks these at every way in (sign-up and profile, tRPC inputs); the forms use the same
 * lengths for their maxLength.
 */
import { z } from "zod";

export const TEXT_LIMITS = { name: 80, title: 120, comment: 2000 } as const;

// PostgreSQL text cannot hold NUL at all, and no name or title needs a control character.
const CONTROL = /\p{Cc}/u;
// A comment may keep its line breaks and tabs.
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function boundedText(what: string, max: number, empty: string, forbidden: RegExp) {
  return z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `${what} can be at most ${max} characters`)
    .refine((s) => !forbidden.test(s), `${what} cannot contain control characters`);
}

export const personName = boundedText("A name", TEXT_LIMITS.name, "Enter your name", CONTROL);
export const pieceTitle = boundedText("A title", TEXT_LIMITS.title, "Give the piece a title", CONTROL);
export const commentBody = boundedText("A comment", TEXT_LIMITS.comment, "Write something first", CONTROL_BUT_LINES);
