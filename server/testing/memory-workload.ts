/** What bench:memory and the server memory test do to a server: clients open pieces, and the model generates. */
import type { Note, Provenance } from "../../lib/doc-schema";
import { connect, trpc, until } from "./real-server";
import { sleep } from "./rss";

const BAR = 1920;
const NOTES_PER_PIECE = 32; // four bars of eighth notes on the melody track
/** The generations' region: one bar of melody between written bars (a short request). */
const REGION = { startBar: 1, endBar: 2, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] };
/** Candidates a request, in turn: the AI panel offers 1 to 8, and 8 decode as one batch of 8 (the most memory). */
const CANDIDATES = [1, 2, 4, 8];

const note = (i: number): Note => ({ track: "melody", pitch: 60 + ((i * 5) % 12), start: i * (BAR / 8), duration: BAR / 8, velocity: 90 });

/**
 * Creates `count` pieces one after another; each is opened (its page, then a y-websocket client that writes four bars of
 * notes and waits until the server has attributed them: their provenance came back) and closed. Returns their ids.
 */
export async function openAndClosePieces(base: string, cookie: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let p = 0; p < count; p++) {
    const { id } = await trpc<{ id: string }>(base, cookie, "piece.create", { title: `Memory ${p + 1}` });
    // As a browser opens a piece: its page (rendered by Next where the server has its pages; else a 404), then the socket.
    await (await fetch(`${base}/pieces/${id}`, { headers: { cookie } })).arrayBuffer();
    const client = connect(base, id, cookie);
    try {
      await client.synced;
      const notes = client.doc.getMap<Note>("notes");
      client.doc.transact(() => {
        for (let i = 0; i < NOTES_PER_PIECE; i++) notes.set(`m${p}-${i}`, note(i));
      });
      const provenance = client.doc.getMap<Provenance>("provenance");
      await until(() => provenance.size >= NOTES_PER_PIECE, 30_000);
    } finally {
      client.destroy();
    }
    ids.push(id);
  }
  return ids;
}

/** Runs `count` one-bar infills on `pieceId` one after another (1, 2, 4, 8 candidates in turn), each discarded; returns how many failed. */
export async function runGenerations(base: string, cookie: string, pieceId: string, count: number): Promise<number> {
  let failed = 0;
  for (let i = 0; i < count; i++) {
    try {
      const { generationId } = await trpc<{ generationId: string }>(base, cookie, "generation.request", {
        pieceId, mode: "infill", region: REGION, candidates: CANDIDATES[i % CANDIDATES.length], temperature: 1, seed: i + 1,
      });
      await trpc(base, cookie, "generation.discard", { pieceId, generationId });
    } catch {
      failed++; // an empty candidate fails the request; the memory it used is what is measured
    }
  }
  return failed;
}

/** Waits until the server has unloaded every piece (no clients, idle past COLLAB_IDLE_UNLOAD_MS). */
export async function untilNoPiecesOpen(base: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const health = (await (await fetch(`${base}/api/health`)).json()) as { openPieces: number };
    if (health.openPieces === 0) return;
    if (Date.now() > end) throw new Error(`${health.openPieces} piece(s) still open after ${ms} ms`);
    await sleep(250);
  }
}
