/**
 * The piece as MusicXML 4.0 (partwise): one part per track, measures in the piece's meter at 480
 * divisions a quarter note, chords, voices, rests and ties across bar lines; drums on a percussion
 * staff as unpitched notes; every note coloured by its author, with the colour key in the credits.
 * The key signature is the piece's key estimated from its pitched notes (Krumhansl-Kessler), and the
 * pitches are spelt in it.
 */
import { estimateKey, keyFifths, type Key } from "../../../lib/key";
import { programOfInstrument } from "../../../lib/midi";
import { ticksPerBar, TICKS_PER_BEAT } from "../../../lib/time";
import type { NoteWithId, Track } from "../../../lib/doc-schema";
import { authorColours } from "./author-colours";
import { percent, type Figures } from "./figures";
import { escapeMarkup as esc } from "./markup";
import { barAccidentals, keySpeller } from "./key-spelling";
import { authorKey } from "./note-credits";
import { voiceXml } from "./musicxml-voice";
import { barCount, layoutTrack } from "./score-layout";
import type { PieceExport } from "./types";

type TrackWithId = Track & { id: string };
const isDrums = (t: TrackWithId) => t.role === "drums" || t.instrument === "drums";
const BASS_CLEF_BELOW = 55; // a track whose median pitch is below G3 reads better in the bass clef

export function buildMusicXml(x: PieceExport, f: Figures): string {
  const barTicks = ticksPerBar(x.meta);
  const bars = barCount(x.notes, barTicks);
  // MusicXML's colour type is upper-case hexadecimal.
  const legend = authorColours(f).map((a) => ({ ...a, colour: a.colour.toUpperCase() }));
  const colourOf = new Map(legend.map((a) => [a.key, a.colour]));
  const noteColour = (n: NoteWithId) => colourOf.get(authorKey(f.credits.get(n.id)?.origin ?? null)) ?? "#000000";
  const tracks = [...x.tracks].sort((a, b) => a.order - b.order);
  const drumTracks = new Set(tracks.filter(isDrums).map((t) => t.id));
  const key = estimateKey(x.notes.filter((n) => !drumTracks.has(n.track)));
  const fifths = keyFifths(key);
  const spell = keySpeller(key, fifths);
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
      if (bar === 0) lines.push(attributes(x, t, notes, key, fifths), ...(i === 0 ? [tempo(x.meta.bpm)] : []));
      const shown = isDrums(t) ? new Map<string, string>() : barAccidentals(layout.voices.flatMap((v) => v[bar]), fifths, spell);
      const style = { drums: isDrums(t), partId: partId(i), colour: noteColour, spell, accidental: (n: NoteWithId, at: number) => shown.get(`${n.id}@${at}`) };
      const written = layout.voices.map((v, vi) => ({ vi, segs: v[bar] })).filter(({ vi, segs }) => vi === 0 || segs.length > 0);
      written.forEach(({ vi, segs }, k) => {
        if (k > 0) lines.push(`<backup><duration>${barTicks}</duration></backup>`);
        lines.push(...voiceXml(segs, vi + 1, bar * barTicks, barTicks, style));
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

function attributes(x: PieceExport, t: TrackWithId, notes: NoteWithId[], key: Key, fifths: number): string {
  const pitches = notes.map((n) => n.pitch).sort((a, b) => a - b);
  const median = pitches[Math.floor(pitches.length / 2)] ?? 60;
  const clef = isDrums(t)
    ? `<clef><sign>percussion</sign></clef>`
    : median < BASS_CLEF_BELOW || (pitches.length === 0 && t.role === "bass")
      ? `<clef><sign>F</sign><line>4</line></clef>`
      : `<clef><sign>G</sign><line>2</line></clef>`;
  const time = `<time><beats>${x.meta.beatsPerBar}</beats><beat-type>${x.meta.beatUnit}</beat-type></time>`;
  // A percussion staff has no key signature.
  const signature = isDrums(t) ? "" : `<key><fifths>${fifths}</fifths><mode>${key.mode}</mode></key>`;
  return `<attributes><divisions>${TICKS_PER_BEAT}</divisions>${signature}${time}${clef}</attributes>`;
}

const tempo = (bpm: number) =>
  `<direction placement="above"><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>${bpm}</per-minute></metronome></direction-type><sound tempo="${bpm}"/></direction>`;
