/**
 * Time for a new client to load a big piece: one collaborator writes `notes` notes (in chunks, as
 * a MIDI import would), then fresh clients connect one at a time and are timed from opening the
 * provider to their first completed sync. "Warm": the piece is open on the server (its writer is
 * still connected). "Cold" (Tandem only): nobody is connected and the room has unloaded, so the
 * server reads the piece back from the database first.
 */
import { docMaps, type Note } from "../../lib/doc-schema";
import { anonymousPeople, signUpPeople, type Person } from "./accounts";
import { connectClient } from "./clients";
import { median } from "./stats";
import { startServer, type ServerKind, type ServerProcess } from "./server-process";
import { waitFor, within } from "./wait";
import { stateOf } from "./writer";

export interface LoadRunResult {
  kind: ServerKind;
  notes: number;
  warmMs: number;
  /** null for a server that keeps nothing once everyone has left. */
  coldMs: number | null;
}

const CHUNK = 1000;
const SYNC_TIMEOUT_MS = 120_000;

export async function runLoad(kind: ServerKind, noteCount: number, runs: number, say: (m: string) => void): Promise<LoadRunResult> {
  const server = await startServer(kind);
  try {
    const [writer, reader] = kind === "tandem" ? await signUpPeople(server.httpBase, 2) : anonymousPeople(2);
    const pieceId = await server.api.createPiece([
      { userId: writer.userId, role: "owner" },
      { userId: reader.userId, role: "editor" },
    ]);
    const seeder = connectClient(server.wsUrl, pieceId, { cookie: writer.cookie, applyRemote: true });
    await within(seeder.synced, SYNC_TIMEOUT_MS, `${kind}: seeder sync`);
    const { notes } = docMaps(seeder.doc);
    for (let i = 0; i < noteCount; i += CHUNK) {
      seeder.doc.transact(() => {
        for (let j = i; j < Math.min(noteCount, i + CHUNK); j++) notes.set(`n${j}`, noteAt(j));
      });
    }
    const ownClock = stateOf(seeder.doc, seeder.doc.clientID);
    await waitFor(async () => (new Map(await server.api.stateVector(pieceId)).get(seeder.doc.clientID) ?? 0) >= ownClock, SYNC_TIMEOUT_MS);
    await server.api.persisted(pieceId); // written to the database (a no-op for the stock server)
    say(`${kind}: piece of ${noteCount} notes written; timing ${runs} warm loads`);

    const warm: number[] = [];
    for (let r = 0; r < runs; r++) warm.push(await timeLoad(server, pieceId, reader, noteCount));
    seeder.destroy();
    let coldMs: number | null = null;
    if (kind === "tandem") {
      const cold: number[] = [];
      for (let r = 0; r < runs; r++) {
        const unloaded = await waitFor(async () => !(await server.api.isLoaded(pieceId)), 30_000, 100);
        if (!unloaded) throw new Error("the piece never unloaded");
        cold.push(await timeLoad(server, pieceId, reader, noteCount));
      }
      coldMs = median(cold);
    }
    return { kind, notes: noteCount, warmMs: median(warm), coldMs };
  } finally {
    await server.stop();
  }
}

async function timeLoad(server: ServerProcess, pieceId: string, reader: Person, noteCount: number): Promise<number> {
  const t0 = performance.now();
  const client = connectClient(server.wsUrl, pieceId, { cookie: reader.cookie, applyRemote: true });
  try {
    await within(client.synced, SYNC_TIMEOUT_MS, `${server.kind}: loading ${noteCount} notes`);
    const ms = performance.now() - t0;
    const got = docMaps(client.doc).notes.size;
    if (got !== noteCount) throw new Error(`${server.kind}: loaded ${got} of ${noteCount} notes`);
    return ms;
  } finally {
    client.destroy();
  }
}

const noteAt = (j: number): Note => ({
  track: ["melody", "chords", "bass"][j % 3],
  pitch: 40 + (j % 48),
  start: Math.floor(j / 4) * 240,
  duration: 240,
  velocity: 80,
});
