/** Escaping text for XML and HTML (the five characters that can end a text node or an attribute). */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// Control characters other than tab, LF and CR are not allowed in XML 1.0 at all.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const escapeMarkup = (text: string): string => text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (c) => ENTITIES[c]);
