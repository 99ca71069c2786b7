/**
 * What the server accepts in the shared maps, as pure functions over plain values. A value is
 * valid as is, repairable (numbers clamped into range, strings trimmed, unknown fields dropped),
 * or invalid (the caller deletes it or restores the previous value).
 */
import type { z } from "zod";
import { readChordSymbol } from "../../lib/chords";
import {
  chordOverrideSchema,
  chordTickSchema,
  DEFAULT_META,
  noteSchema,
  pieceKeySchema,
  TRACK_ROLES,
  trackSchema,
  type Note,
  type Track,
} from "../../lib/doc-schema";

export type Checked<T> = { status: "valid"; value: T } | { status: "repaired"; value: T } | { status: "invalid" };

/** Longest note / track id the server keeps (clients use UUIDs). */
export const MAX_ID_LENGTH = 64;
export const MAX_TITLE_LENGTH = 200;

// Ranges come from the schema itself, so repairs clamp into exactly what the zod check accepts.
const NOTE_LIMITS = {
  pitch: numberLimits(noteSchema.shape.pitch),
  start: numberLimits(noteSchema.shape.start),
  duration: numberLimits(noteSchema.shape.duration),
  velocity: numberLimits(noteSchema.shape.velocity),
};
const TRACK_LIMITS = {
  name: stringMax(trackSchema.shape.name),
  instrument: stringMax(trackSchema.shape.instrument),
  order: numberLimits(trackSchema.shape.order),
  volume: numberLimits(trackSchema.shape.volume.unwrap()),
};

export const isValidId = (key: string): boolean => key.length > 0 && key.length <= MAX_ID_LENGTH;

export function checkNote(value: unknown): Checked<Note> {
  if (!isRecord(value)) return { status: "invalid" };
  const track = value.track;
  if (typeof track !== "string" || !isValidId(track)) return { status: "invalid" };
  const pitch = clampInt(value.pitch, NOTE_LIMITS.pitch);
  const start = clampInt(value.start, NOTE_LIMITS.start);
  const duration = clampInt(value.duration, NOTE_LIMITS.duration);
  const velocity = clampInt(value.velocity, NOTE_LIMITS.velocity);
  if (pitch === undefined || start === undefined || duration === undefined || velocity === undefined) {
    return { status: "invalid" };
  }
  return settle(value, { track, pitch, start, duration, velocity }, noteSchema);
}

export function checkTrack(value: unknown): Checked<Track> {
  if (!isRecord(value)) return { status: "invalid" };
  const role = value.role;
  if (typeof role !== "string" || !(TRACK_ROLES as readonly string[]).includes(role)) return { status: "invalid" };
  const name = clampString(value.name, TRACK_LIMITS.name);
  const instrument = clampString(value.instrument, TRACK_LIMITS.instrument);
  const order = clampInt(value.order, TRACK_LIMITS.order);
  if (name === undefined || instrument === undefined || order === undefined) return { status: "invalid" };
  const track: Track = { name, role: role as Track["role"], instrument, order };
  // Volume is optional (older docs lack it); a malformed one is dropped, which means the default.
  const volume = clampFloat(value.volume, TRACK_LIMITS.volume);
  if (volume !== undefined) track.volume = volume;
  return settle(value, track, trackSchema);
}

/** One entry of the `meta` map: the meter and tempo keys, the title and the key. Anything else is invalid. */
export function checkMetaEntry(key: string, value: unknown): Checked<unknown> {
  let repaired: unknown;
  switch (key) {
    case "bpm":
      repaired = typeof value === "number" && Number.isFinite(value) ? clamp(value, 20, 300) : undefined;
      break;
    case "beatsPerBar":
      repaired = clampInt(value, { min: 1, max: 8 });
      break;
    case "beatUnit":
      repaired = [2, 4, 8, 16].includes(value as number) ? value : undefined;
      break;
    case "title":
      repaired = typeof value === "string" ? value.trim().slice(0, MAX_TITLE_LENGTH) : undefined;
      break;
    case "key":
      // Exactly a tonic and a mode: a key with anything else in it is refused, not trimmed.
      repaired = pieceKeySchema.safeParse(value).success ? value : undefined;
      break;
    default:
      repaired = undefined;
  }
  if (repaired === undefined) return { status: "invalid" };
  return Object.is(repaired, value) ? { status: "valid", value } : { status: "repaired", value: repaired };
}

/**
 * One entry of the `chords` map: a tick on a sixteenth within the piece's length, and a chord symbol, written as
 * Tandem writes it ("Am7", "G/B", "N.C."); a symbol that reads as a chord but is written otherwise is rewritten so.
 */
export function checkChordEntry(key: string, value: unknown): Checked<string> {
  if (!chordTickSchema.safeParse(key).success || typeof value !== "string") return { status: "invalid" };
  const read = readChordSymbol(value);
  if (!("normal" in read) || !chordOverrideSchema.safeParse(read.normal).success) return { status: "invalid" };
  return read.normal === value ? { status: "valid", value } : { status: "repaired", value: read.normal };
}

/** The value a meta key falls back to when a client's write is invalid and there is nothing to restore. */
export const metaDefault = (key: string): unknown => (DEFAULT_META as Record<string, unknown>)[key];

/** Structural equality for the plain JSON values the maps hold. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function settle<T>(original: Record<string, unknown>, repaired: T, schema: { safeParse(v: unknown): { success: boolean } }): Checked<T> {
  if (!schema.safeParse(repaired).success) return { status: "invalid" };
  return sameJson(original, repaired) ? { status: "valid", value: repaired } : { status: "repaired", value: repaired };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function clamp(v: number, min: number, max: number) {
  return Math.min(max, Math.max(min, v));
}

function clampInt(v: unknown, { min, max }: { min: number; max: number }): number | undefined {
  if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
  return clamp(Math.round(v), min, max);
}

function clampFloat(v: unknown, { min, max }: { min: number; max: number }): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? clamp(v, min, max) : undefined;
}

function clampString(v: unknown, max: number): string | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim().slice(0, max);
  return s.length > 0 ? s : undefined;
}

function numberLimits(f: z.ZodNumber) {
  return { min: f.minValue ?? -Infinity, max: f.maxValue ?? Infinity };
}

function stringMax(f: z.ZodString) {
  return f.maxLength ?? Infinity;
}
