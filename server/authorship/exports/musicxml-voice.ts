/**
 * One voice of one bar of a MusicXML part: notes and chords split into written values and tied,
 * rests (voice 1) or forwards (other voices) in the gaps, triplets bracketed in threes.
 */
import type { NoteWithId } from "../../../lib/doc-schema";
import { noteValues, type NoteValue } from "../../../lib/note-values";
import type { ChordSegment } from "./score-layout";
import type { Spelling } from "./key-spelling";
import { drumDisplay } from "./staff-position";

export interface VoiceStyle {
  drums: boolean;
  partId: string;
  colour(n: NoteWithId): string;
  spell(pitch: number): Spelling;
  /** The accidental a note shows where its segment starts, if any. */
  accidental(n: NoteWithId, segStart: number): string | undefined;
}

type TupletMark = "start" | "stop" | undefined;

/** A written value in time order, rendered once its tuplet bracket (if any) is known. */
interface Entry {
  value: NoteValue | null;
  render(tuplet: TupletMark): string[];
}

/** Voice 1 fills gaps with rests (a whole-bar rest when empty); other voices skip them. */
export function voiceXml(segs: ChordSegment[], voice: number, barStart: number, barTicks: number, style: VoiceStyle): string[] {
  if (segs.length === 0) return [`<note><rest measure="yes"/><duration>${barTicks}</duration><voice>${voice}</voice></note>`];
  const entries: Entry[] = [];
  let at = barStart;
  const gap = (until: number) => {
    if (until <= at) return;
    if (voice === 1) {
      for (const v of noteValues(until - at)) {
        entries.push({ value: v, render: (t) => [`<note><rest/><duration>${v.ticks}</duration><voice>1</voice>${valueXml(v)}${tupletXml(v)}${notations([], t)}</note>`] });
      }
    } else {
      const ticks = until - at;
      entries.push({ value: null, render: () => [`<forward><duration>${ticks}</duration><voice>${voice}</voice></forward>`] });
    }
    at = until;
  };
  for (const seg of segs) {
    gap(seg.start);
    const values = noteValues(seg.duration);
    values.forEach((v, i) => {
      const tie = { stop: i > 0 || seg.tiedFrom, start: i < values.length - 1 || seg.tiedTo };
      entries.push({
        value: v,
        render: (t) =>
          seg.notes.map((n, k) =>
            noteXml(n, v, { chord: k > 0, tie, voice, tuplet: k === 0 ? t : undefined, accidental: i === 0 ? style.accidental(n, seg.start) : undefined }, style),
          ),
      });
    });
    at = seg.start + seg.duration;
  }
  gap(barStart + barTicks);
  const marks = tupletMarks(entries.map((e) => e.value));
  return entries.flatMap((e, i) => e.render(marks[i]));
}

/**
 * Brackets consecutive triplet values that fill a whole group (three of the first one's length);
 * an incomplete group (a note off the grid) is left to the reader's implicit tuplets.
 */
export function tupletMarks(values: (NoteValue | null)[]): TupletMark[] {
  const marks: TupletMark[] = values.map(() => undefined);
  let open: { first: number; last: number; left: number } | null = null;
  const close = () => {
    if (open && open.left === 0 && open.last > open.first) [marks[open.first], marks[open.last]] = ["start", "stop"];
    open = null;
  };
  values.forEach((v, i) => {
    if (!v?.triplet) return close();
    open ??= { first: i, last: i, left: 3 * v.ticks };
    open.last = i;
    open.left -= v.ticks;
    if (open.left <= 0) close();
  });
  close();
  return marks;
}

interface NoteOptions {
  chord: boolean;
  tie: { start: boolean; stop: boolean };
  voice: number;
  tuplet: TupletMark;
  accidental: string | undefined;
}

function noteXml(n: NoteWithId, v: NoteValue, o: NoteOptions, style: VoiceStyle): string {
  const parts: string[] = [];
  if (o.chord) parts.push("<chord/>");
  let notehead = "";
  if (style.drums) {
    const d = drumDisplay(n.pitch);
    parts.push(`<unpitched><display-step>${d.step}</display-step><display-octave>${d.octave}</display-octave></unpitched>`);
    if (d.notehead) notehead = `<notehead>${d.notehead}</notehead>`;
  } else {
    const p = style.spell(n.pitch);
    parts.push(`<pitch><step>${p.step}</step>${p.alter ? `<alter>${p.alter}</alter>` : ""}<octave>${p.octave}</octave></pitch>`);
  }
  parts.push(`<duration>${v.ticks}</duration>`);
  if (o.tie.stop) parts.push(`<tie type="stop"/>`);
  if (o.tie.start) parts.push(`<tie type="start"/>`);
  if (style.drums) parts.push(`<instrument id="${style.partId}-I${n.pitch + 1}"/>`);
  parts.push(`<voice>${o.voice}</voice>`, valueXml(v));
  if (o.accidental) parts.push(`<accidental>${o.accidental}</accidental>`);
  parts.push(tupletXml(v), notehead);
  const tied = [o.tie.stop ? `<tied type="stop"/>` : "", o.tie.start ? `<tied type="start"/>` : ""];
  parts.push(notations(tied, o.tuplet));
  return `<note color="${style.colour(n)}" dynamics="${((n.velocity / 90) * 100).toFixed(2)}">${parts.join("")}</note>`;
}

function notations(tied: string[], tuplet: TupletMark): string {
  const inner = [...tied, tuplet ? `<tuplet type="${tuplet}"/>` : ""].join("");
  return inner ? `<notations>${inner}</notations>` : "";
}

const valueXml = (v: NoteValue): string => (v.type ? `<type>${v.type}</type>${"<dot/>".repeat(v.dots ?? 0)}` : "");
const tupletXml = (v: NoteValue): string =>
  v.triplet ? `<time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification>` : "";
