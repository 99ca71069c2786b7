/**
 * One jam as bench:jam runs it against a real server on loopback: a leader who plays a phrase (a note a beat, sent to
 * `jam.play` each beat, as the editor's recorder does) and a listener whose y-websocket client follows the piece's
 * `jams` map. Each model bar's margin is its downbeat less the moment the listener had it; a bar missed by the
 * server, or heard after its downbeat, counts as missed. Server and bench share one clock (loopback).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Track } from "../../lib/doc-schema";
import { downbeat, modelBar, opensAnswer } from "../../lib/jam/plan";
import type { JamMode, JamSettings } from "../../lib/jam/settings";
import type { JamView } from "../../lib/jam/view";
import type * as Y from "yjs";
import { connect, trpc } from "../../server/testing/real-server";

const FIXTURE = path.resolve("lib/midi/fixtures/pop909-001.mid");
/** The loop: bars 9-12 of the song in 4/4, the melody played by the leader. */
const LOOP = { startBar: 8, bars: 4 };
/** A phrase in C major, a note a beat: what the simulated leader plays over and over. */
const PHRASE = [72, 74, 76, 79, 76, 74, 72, 67];

export interface JamPiece {
  pieceId: string;
  settings: (mode: JamMode, bpm: number) => JamSettings;
}

/** A piece made from the fixture (midi.importPiece), and jam settings on its tracks: melody led, bass answered. */
export async function jamPiece(base: string, cookie: string, title: string): Promise<JamPiece> {
  const file = { name: `${title}.mid`, base64: readFileSync(FIXTURE).toString("base64") };
  const { pieceId } = await trpc<{ pieceId: string }>(base, cookie, "midi.importPiece", { file, title });
  const client = connect(base, pieceId, cookie);
  await client.synced;
  const tracks = [...client.doc.getMap<Track>("tracks").entries()];
  // The fixture is in 2/4; jams are timed in bars, and the figures are for 4/4 (a bar of 2 s at 120 bpm).
  client.doc.getMap("meta").set("beatsPerBar", 4);
  // jam.start times the jam from the server's copy of the meter: the edit must be there before this socket closes.
  await untilServerCopy(base, cookie, pieceId, "beatsPerBar 4", (doc) => doc.getMap("meta").get("beatsPerBar") === 4);
  client.destroy();
  const byRole = (role: Track["role"]) => tracks.find(([, t]) => t.role === role)?.[0];
  const player = byRole("melody") ?? tracks[0][0];
  const model = byRole("bass") ?? byRole("chords") ?? tracks.find(([id]) => id !== player)![0];
  return {
    pieceId,
    settings: (mode, bpm) => ({ mode, ...LOOP, bpm, playerTrack: player, modelTracks: [model], callBars: 2, grid: 120, controls: {} }),
  };
}

/** Polls the server's copy of the piece (what a fresh client syncs from it) until `check` holds; throws after `ms`. */
async function untilServerCopy(base: string, cookie: string, pieceId: string, what: string, check: (doc: Y.Doc) => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const probe = connect(base, pieceId, cookie);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), Math.max(0, deadline - Date.now()))));
    try {
      if ((await Promise.race([probe.synced, timedOut])) !== "timeout" && check(probe.doc)) return;
    } finally {
      clearTimeout(timer);
      probe.destroy();
    }
    if (Date.now() >= deadline) throw new Error(`bench:jam: the server's copy of piece ${pieceId} does not show ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface JamOutcome {
  /** Downbeat less arrival at the listener (ms), for each model bar heard in time. */
  margins: number[];
  /** Model bars the plan had up to the end, and those never heard before their downbeat. */
  planned: number;
  missed: number;
  /** Call and response: the answers' first bars (asked before the call ends), and the margins of those heard in time. */
  openers: number;
  openerMargins: number[];
  /** Answers' first bars the listener had again, from the second ask (more of the call), before their downbeat. */
  openersAskedAgain: number;
}

/** Plays `takeBars` bars of a jam on `piece` and returns what the listener heard of the model. */
export async function runJam(base: string, cookie: string, piece: JamPiece, mode: JamMode, bpm: number, takeBars: number): Promise<JamOutcome> {
  const listener = connect(base, piece.pieceId, cookie);
  await listener.synced;
  const heard = new Map<number, number>(); // take bar -> when the listener had it
  const firstReady = new Map<number, number>(); // take bar -> its first readyAt
  const again = new Map<number, number>(); // take bar -> when the listener had its second answer
  const jams = listener.doc.getMap<JamView>("jams");
  jams.observe(() => {
    const now = Date.now();
    for (const view of jams.values())
      for (const bar of view.bars) {
        if (!heard.has(bar.takeBar)) {
          heard.set(bar.takeBar, now);
          firstReady.set(bar.takeBar, bar.readyAt);
        } else if (firstReady.get(bar.takeBar) !== bar.readyAt && !again.has(bar.takeBar)) again.set(bar.takeBar, now);
      }
  });

  const settings = piece.settings(mode, bpm);
  const { jamId, clock } = await trpc<{ jamId: string; clock: { startAt: number; barMs: number; beatMs: number } }>(base, cookie, "jam.start", {
    pieceId: piece.pieceId,
    settings,
  });
  const ref = { pieceId: piece.pieceId, jamId };
  const end = downbeat(clock, takeBars);
  // The leader: from the downbeat of bar 0, a note each beat, sent as it ends (the recorder's batch of one beat).
  for (let beat = 0; clock.startAt + (beat + 1) * clock.beatMs <= end; beat++) {
    const at = clock.startAt + beat * clock.beatMs;
    const wait = at + clock.beatMs * 0.9 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const note = { pitch: PHRASE[beat % PHRASE.length], velocity: 90, at, ms: clock.beatMs * 0.8 };
    await trpc(base, cookie, "jam.play", { ...ref, notes: [note] }).catch(() => undefined); // a late batch is the leader's loss, not the bench's
  }
  await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now())));
  await trpc(base, cookie, "jam.stop", ref);
  await trpc(base, cookie, "jam.discard", ref);
  listener.destroy();

  const margins: number[] = [];
  const openerMargins: number[] = [];
  let planned = 0;
  let missed = 0;
  let openers = 0;
  let openersAskedAgain = 0;
  for (let k = 0; k < takeBars; k++) {
    const bar = modelBar(settings, clock, k);
    if (!bar) continue;
    planned++;
    const opens = opensAnswer(settings, k);
    if (opens) openers++;
    if (opens && (again.get(k) ?? Infinity) <= bar.due) openersAskedAgain++;
    const at = heard.get(k);
    if (at === undefined || at > bar.due) missed++;
    else {
      margins.push(bar.due - at);
      if (opens) openerMargins.push(bar.due - at);
    }
  }
  return { margins, planned, missed, openers, openerMargins, openersAskedAgain };
}
