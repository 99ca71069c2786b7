/**
 * The piece as MusicXML 4.0 (partwise): one part per track, measures in the piece's meter at 480
 * divisions a quarter note, chords, voices, rests and ties across bar lines; drums on a percussion
 * staff as unpitched notes; every note coloured by its author, with the colour key in the credits.
 */
import { programOfInstrument } from "../../../lib/midi";
import { ticksPerBar, TICKS_PER_BEAT } from "../../../lib/time";
import type { NoteWithId, Track } from "../../../lib/doc-schema";
import { authorColours } from "./author-colours";
import { percent, type Figures } from "./figures";
import { escapeMarkup as esc } from "./markup";
import { authorKey } from "./note-credits";
import { noteValues, type NoteValue } from "./note-values";
import { barCount, layoutTrack, type ChordSegment } from "./score-layout";
import { drumDisplay, spellPitch } from "./staff-position";
import type { PieceExport } from "./types";

type TrackWithId = Track & { id: string };
const isDrums = (t: TrackWithId) => t.role === "drums" || t.instrument === "drums";
const BASS_CLEF_BELOW = 55; // a track whose median pitch is below G3 reads better in the bass clef

export function buildMusicXml(x: PieceExport, f: Figures): string {
  const barTicks = ticksPerBar(x.meta);
  const bars = barCount(x.notes, barTicks);
  const legend = authorColours(f);
  const colourOf = new Map(legend.map((a) => [a.key, a.colour]));
  const noteColour = (n: NoteWithId) => colourOf.get(authorKey(f.credits.get(n.id)?.origin ?? null)) ?? "#000000";
  const tracks = [...x.tracks].sort((a, b) => a.order - b.order);
  const partId = (i: number) => `P${i + 1}`;

  const credits = [
    `Colour key: ${legend.map((a) => `${a.label} ${a.colour}`).join(", ") || "no notes"}`,
    `Shares by notes: ${[...f.people.filter((p) => p.notes > 0).map((p) => `${p.name} ${percent(p.noteShare)}`), ...f.models.filter((m) => m.notes > 0).map((m) => `AI ${m.model} ${m.versions.join("/")} ${percent(m.noteShare)}`)].join(", ") || "none"}`,
  ];
  const lines = [
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`,
    `<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">`,
    `<score-partwise version="4.0">`,
    `<work><work-title>${esc(x.piece.title)}</work-title></work>`,
    `<identification>`,
    ...f.people.filter((p) => p.notes > 0).map((p) => `<creator type="composer">${esc(p.name)}</creator>`),
    `<encoding><software>Tandem</software><encoding-date>${x.exportedAt.toISOString().slice(0, 10)}</encoding-date></encoding>`,
    `<miscellaneous>`,
    ...legend.map((a) => `<miscellaneous-field name="tandem-colour ${esc(a.colour)}">${esc(a.label)}</miscellaneous-field>`),
    ...f.method.map((m, i) => `<miscellaneous-field name="tandem-method-${i + 1}">${esc(m)}</miscellaneous-field>`),
    `</miscellaneous>`,
    `</identification>`,
    `<credit page="1"><credit-type>title</credit-type><credit-words justify="center" valign="top" font-size="20">${esc(x.piece.title)}</credit-words></credit>`,
    ...credits.map((c) => `<credit page="1"><credit-words justify="left" valign="top" font-size="8">${esc(c)}</credit-words></credit>`),
    `<part-list>`,
    ...tracks.map((t, i) => scorePart(t, partId(i), x.notes)),
    `</part-list>`,
  ];
  tracks.forEach((t, i) => {
    const notes = x.notes.filter((n) => n.track === t.id);
    const layout = layoutTrack(notes, barTicks, bars);
    lines.push(`<part id="${partId(i)}">`);
    for (let bar = 0; bar < bars; bar++) {
      lines.push(`<measure number="${bar + 1}">`);
      if (bar === 0) lines.push(attributes(x, t, notes), ...(i === 0 ? [tempo(x.meta.bpm)] : []));
      const written = layout.voices.map((v, vi) => ({ vi, segs: v[bar] })).filter(({ vi, segs }) => vi === 0 || segs.length > 0);
      written.forEach(({ vi, segs }, k) => {
        if (k > 0) lines.push(`<backup><duration>${barTicks}</duration></backup>`);
        lines.push(...voiceXml(segs, vi + 1, bar * barTicks, barTicks, { drums: isDrums(t), partId: partId(i), colour: noteColour }));
      });
      lines.push(`</measure>`);
    }
    lines.push(`</part>`);
  });
  lines.push(`</score-partwise>`, "");
  return lines.join("\n");
}

function scorePart(t: TrackWithId, id: string, all: NoteWithId[]): string {
  const name = `<part-name>${esc(t.name)}</part-name>`;
  if (!isDrums(t)) {
    const instrument = `<score-instrument id="${id}-I1"><instrument-name>${esc(t.instrument)}</instrument-name></score-instrument>`;
    const midi = `<midi-instrument id="${id}-I1"><midi-program>${programOfInstrument(t.instrument) + 1}</midi-program></midi-instrument>`;
    return `<score-part id="${id}">${name}${instrument}${midi}</score-part>`;
  }
  const pitches = [...new Set(all.filter((n) => n.track === t.id).map((n) => n.pitch))].sort((a, b) => a - b);
  const instruments = pitches.map((p) => `<score-instrument id="${id}-I${p + 1}"><instrument-name>Drum ${p}</instrument-name></score-instrument>`);
  const midi = pitches.map((p) => `<midi-instrument id="${id}-I${p + 1}"><midi-channel>10</midi-channel><midi-unpitched>${p + 1}</midi-unpitched></midi-instrument>`);
  return `<score-part id="${id}">${name}${instruments.join("")}${midi.join("")}</score-part>`;
}

function attributes(x: PieceExport, t: TrackWithId, notes: NoteWithId[]): string {
  const pitches = notes.map((n) => n.pitch).sort((a, b) => a - b);
  const median = pitches[Math.floor(pitches.length / 2)] ?? 60;
  const clef = isDrums(t)
    ? `<clef><sign>percussion</sign></clef>`
    : median < BASS_CLEF_BELOW || (pitches.length === 0 && t.role === "bass")
      ? `<clef><sign>F</sign><line>4</line></clef>`
      : `<clef><sign>G</sign><line>2</line></clef>`;
  const time = `<time><beats>${x.meta.beatsPerBar}</beats><beat-type>${x.meta.beatUnit}</beat-type></time>`;
  return `<attributes><divisions>${TICKS_PER_BEAT}</divisions><key><fifths>0</fifths></key>${time}${clef}</attributes>`;
}

const tempo = (bpm: number) =>
  `<direction placement="above"><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>${bpm}</per-minute></metronome></direction-type><sound tempo="${bpm}"/></direction>`;

interface VoiceStyle {
  drums: boolean;
  partId: string;
  colour(n: NoteWithId): string;
}

/** One voice through one bar: voice 1 fills gaps with rests (a whole-bar rest when empty), others skip them. */
function voiceXml(segs: ChordSegment[], voice: number, barStart: number, barTicks: number, style: VoiceStyle): string[] {
  if (segs.length === 0) return [`<note><rest measure="yes"/><duration>${barTicks}</duration><voice>${voice}</voice></note>`];
  const out: string[] = [];
  let at = barStart;
  const gap = (until: number) => {
    if (until <= at) return;
    if (voice === 1) for (const v of noteValues(until - at)) out.push(`<note><rest/><duration>${v.ticks}</duration><voice>1</voice>${valueXml(v)}${tupletXml(v)}</note>`);
    else out.push(`<forward><duration>${until - at}</duration><voice>${voice}</voice></forward>`);
    at = until;
  };
  for (const seg of segs) {
    gap(seg.start);
    const values = noteValues(seg.duration);
    values.forEach((v, i) => {
      const tieStop = i > 0 || seg.tiedFrom;
      const tieStart = i < values.length - 1 || seg.tiedTo;
      seg.notes.forEach((n, k) => out.push(noteXml(n, v, { chord: k > 0, tieStop, tieStart, voice }, style)));
    });
    at = seg.start + seg.duration;
  }
  gap(barStart + barTicks);
  return out;
}

function noteXml(n: NoteWithId, v: NoteValue, o: { chord: boolean; tieStop: boolean; tieStart: boolean; voice: number }, style: VoiceStyle): string {
  const parts: string[] = [];
  if (o.chord) parts.push("<chord/>");
  let notehead = "";
  if (style.drums) {
    const d = drumDisplay(n.pitch);
    parts.push(`<unpitched><display-step>${d.step}</display-step><display-octave>${d.octave}</display-octave></unpitched>`);
    if (d.notehead) notehead = `<notehead>${d.notehead}</notehead>`;
  } else {
    const p = spellPitch(n.pitch);
    parts.push(`<pitch><step>${p.step}</step>${p.alter ? `<alter>${p.alter}</alter>` : ""}<octave>${p.octave}</octave></pitch>`);
  }
  parts.push(`<duration>${v.ticks}</duration>`);
  if (o.tieStop) parts.push(`<tie type="stop"/>`);
  if (o.tieStart) parts.push(`<tie type="start"/>`);
  if (style.drums) parts.push(`<instrument id="${style.partId}-I${n.pitch + 1}"/>`);
  parts.push(`<voice>${o.voice}</voice>`, valueXml(v));
  if (!style.drums && spellPitch(n.pitch).alter) parts.push(`<accidental>sharp</accidental>`);
  parts.push(tupletXml(v), notehead);
  const tied = [o.tieStop ? `<tied type="stop"/>` : "", o.tieStart ? `<tied type="start"/>` : ""].join("");
  if (tied) parts.push(`<notations>${tied}</notations>`);
  return `<note color="${style.colour(n)}" dynamics="${((n.velocity / 90) * 100).toFixed(2)}">${parts.join("")}</note>`;
}

const valueXml = (v: NoteValue): string => (v.type ? `<type>${v.type}</type>${"<dot/>".repeat(v.dots ?? 0)}` : "");
const tupletXml = (v: NoteValue): string =>
  v.triplet ? `<time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification>` : "";
