/**
 * Reads a MusicXML score back into notes for the tests: walks each measure in document order
 * (notes, chords, backup, forward), joins tied notes, and keeps each note's colour.
 */
import { XMLParser } from "fast-xml-parser";

export interface ReadNote {
  part: string;
  pitch: number;
  start: number;
  duration: number;
  colour: string;
  voice: number;
}

export interface ReadScore {
  parts: { id: string; name: string; measures: number; clef: string; voiceTicks: number[][] }[];
  notes: ReadNote[];
  divisions: number;
  beats: number;
  beatType: number;
  root: Node[];
}

/** An element as fast-xml-parser's ordered mode gives it: `{ tag: children[], ":@": attributes }`. */
export type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

export const STEP: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const kids = (n: Node, tag: string): Node[] => (n[tag] as Node[] | undefined) ?? [];
export const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ":@")!;
/** Child elements only (no text nodes), in document order. */
export const elements = (n: Node): Node[] => kids(n, tagOf(n)).filter((c) => tagOf(c) !== "#text");
export const child = (n: Node, tag: string) => kids(n, tagOf(n)).find((c) => tagOf(c) === tag);
export const children = (n: Node, tag: string) => kids(n, tagOf(n)).filter((c) => tagOf(c) === tag);
export const text = (n: Node | undefined): string => (n ? String((kids(n, tagOf(n))[0] as { "#text"?: unknown } | undefined)?.["#text"] ?? "") : "");
export const num = (n: Node | undefined) => Number(text(n));
export const parseOrdered = (xml: string): Node[] =>
  new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false }).parse(xml) as Node[];

export function readMusicXml(xml: string): ReadScore {
  const root = parseOrdered(xml);
  const score = root.find((n) => tagOf(n) === "score-partwise")!;
  if (!score) throw new Error("no score-partwise element");
  const partList = child(score, "part-list")!;
  const names = new Map(children(partList, "score-part").map((p) => [p[":@"]!.id, text(child(p, "part-name"))]));
  const unpitched = new Map<string, number>();
  for (const p of children(partList, "score-part")) {
    for (const m of children(p, "midi-instrument")) {
      const u = child(m, "midi-unpitched");
      if (u) unpitched.set(m[":@"]!.id, num(u) - 1);
    }
  }
  let divisions = 0, beats = 0, beatType = 0;
  const notes: ReadNote[] = [];
  const parts: ReadScore["parts"] = [];
  for (const part of children(score, "part")) {
    const id = part[":@"]!.id;
    const open: ReadNote[] = [];
    let clef = "";
    let barStart = 0;
    const voiceTicks: number[][] = [];
    const measures = children(part, "measure");
    for (const measure of measures) {
      let t = barStart;
      let lastOnset = t;
      let barLength = 0;
      const perVoice = new Map<number, number>();
      for (const el of kids(measure, "measure")) {
        const tag = tagOf(el);
        if (tag === "attributes") {
          divisions = num(child(el, "divisions")) || divisions;
          const time = child(el, "time");
          if (time) [beats, beatType] = [num(child(time, "beats")), num(child(time, "beat-type"))];
          const c = child(el, "clef");
          if (c) clef = text(child(c, "sign"));
        } else if (tag === "backup") t -= num(child(el, "duration"));
        else if (tag === "forward") {
          const d = num(child(el, "duration"));
          t += d;
          const v = num(child(el, "voice"));
          perVoice.set(v, (perVoice.get(v) ?? 0) + d);
        } else if (tag === "note") {
          const d = num(child(el, "duration"));
          const voice = num(child(el, "voice"));
          const isChord = !!child(el, "chord");
          const onset = isChord ? lastOnset : t;
          if (!isChord) {
            t += d;
            perVoice.set(voice, (perVoice.get(voice) ?? 0) + d);
          }
          lastOnset = onset;
          barLength = Math.max(barLength, t - barStart);
          if (child(el, "rest")) continue;
          const pitchEl = child(el, "pitch");
          const pitch = pitchEl
            ? STEP[text(child(pitchEl, "step"))] + num(child(pitchEl, "alter")) + (num(child(pitchEl, "octave")) + 1) * 12
            : unpitched.get(child(el, "instrument")![":@"]!.id)!;
          const ties = children(el, "tie").map((x) => x[":@"]!.type);
          const colour = el[":@"]?.color ?? "";
          const prev = ties.includes("stop") ? open.find((o) => o.pitch === pitch && o.voice === voice && o.start + o.duration === onset) : undefined;
          const n = prev ?? { part: names.get(id)!, pitch, start: onset, duration: 0, colour, voice };
          n.duration += d;
          if (prev && prev.colour !== colour) throw new Error(`tied note changes colour at ${onset}`);
          if (prev) open.splice(open.indexOf(prev), 1);
          if (ties.includes("start")) open.push(n);
          if (!prev) notes.push(n);
        }
        barLength = Math.max(barLength, t - barStart);
      }
      voiceTicks.push([...perVoice.entries()].sort((a, b) => a[0] - b[0]).map(([, ticks]) => ticks));
      barStart += barLength;
    }
    parts.push({ id, name: names.get(id)!, measures: measures.length, clef, voiceTicks });
  }
  return { parts, notes, divisions, beats, beatType, root };
}
