/**
 * The MusicXML 4.0 partwise rules the export must keep, checked on a written score for the tests:
 * element order where the schema fixes it, divisions before any duration, every voice of every
 * measure filled to the time signature (backup and forward included, nothing past the bar line),
 * written values that add up to the durations, ties that join, accidentals against the key signature
 * and the bar, and references that resolve. Returns one line per violation.
 */
import { signatureAlter } from "./key-spelling";
import { child, children, elements, num, parseOrdered, STEP, tagOf, text, type Node } from "./test-musicxml-reader";

const MANY = Infinity;
type Rule = [names: string[], min: number, max: number];
const seq = (...rules: [string, number, number][]): Rule[] => rules.map(([n, min, max]) => [n.split("|"), min, max]);

/** Child sequences of the MusicXML 4.0 XSD for the elements the export writes. */
const ORDER: Record<string, Rule[]> = {
  "score-partwise": seq(["work", 0, 1], ["movement-number", 0, 1], ["movement-title", 0, 1], ["identification", 0, 1], ["defaults", 0, 1], ["credit", 0, MANY], ["part-list", 1, 1], ["part", 1, MANY]),
  "score-part": seq(["identification", 0, 1], ["part-link", 0, MANY], ["part-name", 1, 1], ["part-name-display", 0, 1], ["part-abbreviation", 0, 1], ["part-abbreviation-display", 0, 1], ["group", 0, MANY], ["score-instrument", 0, MANY], ["player", 0, MANY], ["midi-device|midi-instrument", 0, MANY]),
  "midi-instrument": seq(["midi-channel", 0, 1], ["midi-name", 0, 1], ["midi-bank", 0, 1], ["midi-program", 0, 1], ["midi-unpitched", 0, 1], ["volume", 0, 1], ["pan", 0, 1], ["elevation", 0, 1]),
  attributes: seq(["footnote", 0, 1], ["level", 0, 1], ["divisions", 0, 1], ["key", 0, MANY], ["time", 0, MANY], ["staves", 0, 1], ["part-symbol", 0, 1], ["instruments", 0, 1], ["clef", 0, MANY], ["staff-details", 0, MANY], ["transpose", 0, MANY], ["for-part", 0, MANY], ["directive", 0, MANY], ["measure-style", 0, MANY]),
  key: seq(["cancel", 0, 1], ["fifths", 1, 1], ["mode", 0, 1], ["key-octave", 0, MANY]),
  time: seq(["beats", 1, 1], ["beat-type", 1, 1], ["interchangeable", 0, 1]),
  clef: seq(["sign", 1, 1], ["line", 0, 1], ["clef-octave-change", 0, 1]),
  note: seq(["chord", 0, 1], ["pitch|unpitched|rest", 1, 1], ["duration", 1, 1], ["tie", 0, 2], ["instrument", 0, MANY], ["footnote", 0, 1], ["level", 0, 1], ["voice", 0, 1], ["type", 0, 1], ["dot", 0, MANY], ["accidental", 0, 1], ["time-modification", 0, 1], ["stem", 0, 1], ["notehead", 0, 1], ["notehead-text", 0, 1], ["staff", 0, 1], ["beam", 0, 8], ["notations", 0, MANY], ["lyric", 0, MANY], ["play", 0, 1], ["listen", 0, 1]),
  pitch: seq(["step", 1, 1], ["alter", 0, 1], ["octave", 1, 1]),
  unpitched: seq(["display-step", 0, 1], ["display-octave", 0, 1]),
  "time-modification": seq(["actual-notes", 1, 1], ["normal-notes", 1, 1], ["normal-type", 0, 1], ["normal-dot", 0, MANY]),
  backup: seq(["duration", 1, 1], ["footnote", 0, 1], ["level", 0, 1]),
  forward: seq(["duration", 1, 1], ["footnote", 0, 1], ["level", 0, 1], ["voice", 0, 1], ["staff", 0, 1]),
  direction: seq(["direction-type", 1, MANY], ["offset", 0, 1], ["footnote", 0, 1], ["level", 0, 1], ["voice", 0, 1], ["staff", 0, 1], ["sound", 0, 1], ["listening", 0, 1]),
};

const QUARTERS: Record<string, number> = { breve: 8, whole: 4, half: 2, quarter: 1, eighth: 1 / 2, "16th": 1 / 4, "32nd": 1 / 8, "64th": 1 / 16, "128th": 1 / 32 };
const ACCIDENTAL_ALTER: Record<string, number> = { "flat-flat": -2, flat: -1, natural: 0, sharp: 1, "double-sharp": 2 };
const MODES = new Set(["major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "aeolian", "ionian", "locrian", "none"]);
const COLOUR = /^#[0-9A-F]{6}([0-9A-F]{2})?$/;

function checkOrder(el: Node, where: string, out: string[]): void {
  const tag = tagOf(el);
  const rules = ORDER[tag];
  if (rules) {
    const counts = rules.map(() => 0);
    let r = 0;
    for (const c of elements(el)) {
      const name = tagOf(c);
      let k = r;
      while (k < rules.length && !rules[k][0].includes(name)) k++;
      if (k === rules.length) out.push(`${where}: <${name}> out of order or not allowed in <${tag}>`);
      else counts[(r = k)]++;
    }
    rules.forEach(([names, min, max], i) => {
      if (counts[i] < min || counts[i] > max) out.push(`${where}: <${tag}> has ${counts[i]} <${names.join("|")}>, wants ${min}..${max}`);
    });
  }
  for (const c of elements(el)) checkOrder(c, where, out);
}

interface Written {
  onset: number;
  step: string;
  octave: number;
  alter: number;
  accidental: string;
  tieStop: boolean;
  where: string;
}

/** A reader's accidental rule: a note that differs from the signature or an earlier accidental on its line in the bar shows its own. */
function checkAccidentals(notes: Written[], fifths: number, out: string[]): void {
  const current = new Map<string, number>();
  for (const n of [...notes].sort((a, b) => a.onset - b.onset)) {
    if (n.accidental && ACCIDENTAL_ALTER[n.accidental] !== n.alter) out.push(`${n.where}: accidental ${n.accidental} on a note altered ${n.alter}`);
    if (n.tieStop) continue;
    const line = `${n.step}${n.octave}`;
    const prevailing = current.get(line) ?? signatureAlter(fifths, n.step);
    if (prevailing !== n.alter && !n.accidental) out.push(`${n.where}: ${n.step}${n.octave} altered ${n.alter} needs an accidental (${prevailing} prevails)`);
    current.set(line, n.alter);
  }
}

export function musicXmlViolations(xml: string): string[] {
  const out: string[] = [];
  const score = parseOrdered(xml).find((n) => tagOf(n) === "score-partwise");
  if (!score) return ["no <score-partwise> root"];
  checkOrder(score, "score", out);
  const scoreParts = children(child(score, "part-list") ?? score, "score-part");
  const instruments = new Map(scoreParts.map((p) => [p[":@"]?.id ?? "", new Set(children(p, "score-instrument").map((i) => i[":@"]?.id))]));
  const parts = children(score, "part");
  if (parts.map((p) => p[":@"]?.id).join() !== [...instruments.keys()].join()) out.push("parts do not match the part-list");
  const measureCounts = new Set(parts.map((p) => children(p, "measure").length));
  if (measureCounts.size > 1) out.push(`parts have different measure counts: ${[...measureCounts].join(", ")}`);
  for (const part of parts) checkPart(part, instruments.get(part[":@"]?.id ?? "") ?? new Set(), out);
  return out;
}

function checkPart(part: Node, instruments: Set<string | undefined>, out: string[]): void {
  const id = part[":@"]?.id;
  let divisions = 0, fifths = 0, barLength = 0, barStart = 0;
  const openTies: { pitch: number; voice: number; end: number }[] = [];
  children(part, "measure").forEach((measure, m) => {
    const at = `${id} bar ${m + 1}`;
    if (measure[":@"]?.number !== String(m + 1)) out.push(`${at}: measure number ${measure[":@"]?.number}`);
    let t = 0;
    let last: { onset: number; duration: number; voice: number } | null = null;
    const voiceAt = new Map<number, number>();
    const written: Written[] = [];
    for (const el of elements(measure)) {
      const tag = tagOf(el);
      if (tag === "attributes") {
        divisions = num(child(el, "divisions")) || divisions;
        const key = child(el, "key");
        if (key) {
          fifths = num(child(key, "fifths"));
          if (!Number.isInteger(fifths) || Math.abs(fifths) > 7) out.push(`${at}: fifths ${fifths}`);
          const mode = child(key, "mode");
          if (mode && !MODES.has(text(mode))) out.push(`${at}: mode ${text(mode)}`);
        }
        const time = child(el, "time");
        if (time) barLength = (num(child(time, "beats")) * 4 * divisions) / num(child(time, "beat-type"));
        continue;
      }
      if (!["note", "backup", "forward"].includes(tag)) continue;
      const d = num(child(el, "duration"));
      if (!(divisions > 0 && barLength > 0)) out.push(`${at}: a duration before divisions and time`);
      if (!Number.isInteger(d) || d <= 0) out.push(`${at}: <${tag}> duration ${text(child(el, "duration"))}`);
      const voice = num(child(el, "voice")) || 1;
      if (tag === "backup") {
        if (d > t) out.push(`${at}: backup of ${d} from ${t} goes before the bar`);
        t -= d;
        last = null;
        continue;
      }
      const isChord = tag === "note" && !!child(el, "chord");
      let onset = t;
      if (isChord) {
        if (!last || last.duration !== d || last.voice !== voice) out.push(`${at}: a chord note at ${t} that does not match the note before`);
        onset = last?.onset ?? t;
      } else {
        if ((voiceAt.get(voice) ?? 0) !== t) out.push(`${at}: voice ${voice} resumes at ${t} but left off at ${voiceAt.get(voice) ?? 0}`);
        t += d;
        voiceAt.set(voice, t);
        if (t > barLength) out.push(`${at}: voice ${voice} runs to ${t}, past the bar line at ${barLength}`);
      }
      if (tag === "forward") continue;
      last = { onset, duration: d, voice };
      const where = `${at} @${onset}`;
      const rest = child(el, "rest");
      if (rest?.[":@"]?.measure === "yes" && d !== barLength) out.push(`${where}: a whole-bar rest of ${d}`);
      checkValue(el, d, divisions, where, out);
      const colour = el[":@"]?.color;
      if (colour !== undefined && !COLOUR.test(colour)) out.push(`${where}: colour ${colour}`);
      if (rest) continue;
      const instrument = child(el, "instrument")?.[":@"]?.id;
      if (instrument !== undefined && !instruments.has(instrument)) out.push(`${where}: unknown instrument ${instrument}`);
      const pitchEl = child(el, "pitch");
      const alter = pitchEl ? num(child(pitchEl, "alter")) : 0;
      const pitch = pitchEl ? STEP[text(child(pitchEl, "step"))] + alter + (num(child(pitchEl, "octave")) + 1) * 12 : Number(instrument?.split("-I")[1]) - 1;
      const ties = children(el, "tie").map((x) => x[":@"]?.type ?? "");
      const tied = children(el, "notations").flatMap((n) => children(n, "tied").map((x) => x[":@"]?.type ?? ""));
      if (ties.join() !== tied.join()) out.push(`${where}: <tie> ${ties.join()} but <tied> ${tied.join()}`);
      if (ties.includes("stop")) {
        const i = openTies.findIndex((o) => o.pitch === pitch && o.voice === voice && o.end === barStart + onset);
        if (i < 0) out.push(`${where}: a tie stop with no tie start before it`);
        else openTies.splice(i, 1);
      }
      if (ties.includes("start")) openTies.push({ pitch, voice, end: barStart + onset + d });
      if (pitchEl) {
        const accidental = text(child(el, "accidental"));
        written.push({ onset, step: text(child(pitchEl, "step")), octave: num(child(pitchEl, "octave")), alter, accidental, tieStop: ties.includes("stop"), where });
      }
    }
    for (const [voice, end] of voiceAt) if (end !== barLength) out.push(`${at}: voice ${voice} fills ${end} of ${barLength}`);
    if (!voiceAt.has(1)) out.push(`${at}: no voice 1`);
    checkAccidentals(written, fifths, out);
    barStart += barLength;
  });
  for (const o of openTies) out.push(`${id}: a tie started on ${o.pitch} is never stopped`);
}

/** The written type, dots and tuplet ratio must come to the note's duration. */
function checkValue(note: Node, duration: number, divisions: number, where: string, out: string[]): void {
  const type = child(note, "type");
  if (!type) return;
  const quarters = QUARTERS[text(type)];
  if (quarters === undefined) return void out.push(`${where}: note type ${text(type)}`);
  const dots = children(note, "dot").length;
  const tm = child(note, "time-modification");
  const ratio = tm ? num(child(tm, "normal-notes")) / num(child(tm, "actual-notes")) : 1;
  const expected = quarters * divisions * (2 - 0.5 ** dots) * ratio;
  if (Math.abs(expected - duration) > 1e-9) out.push(`${where}: a ${text(type)}${".".repeat(dots)}${tm ? " (tuplet)" : ""} lasts ${expected}, not ${duration}`);
}
