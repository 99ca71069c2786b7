/** What the rest of the server sees of live jams (issue 16), whichever process runs them (issue 15). */
import type { JamClock } from "../../lib/jam/plan";
import type { JamSettings } from "../../lib/jam/settings";
import type { PlayedNote, Take } from "../../lib/jam/take";
import type { JamView } from "../../lib/jam/view";
import type { Inference } from "../inference/types";
import type { JamPiece } from "./runner";

export interface LiveJam {
  pieceId: string;
  leader: { id: string; name: string };
  /** The model the jam asks (recorded with a kept take). */
  model: { name: string; version: string };
  view: JamView;
  /** The whole take, once stopped (the view holds the last two passes only). */
  take: Take | null;
}

/** What names a jam: a LiveJam will do, and so will its piece and id alone (a call forwarded from another process). */
export interface JamRef {
  pieceId: string;
  view: Pick<JamView, "id">;
}

export class JamConflictError extends Error {}

export interface JamStart {
  pieceId: string;
  leader: { id: string; name: string };
  settings: JamSettings;
  clock: JamClock;
  piece: JamPiece;
  inference: Inference;
}

export interface JamHub {
  /** The jam, in this piece, as it is now; undefined when no process runs it. */
  get(pieceId: string, jamId: string): Promise<LiveJam | undefined>;
  /** Starts a jam, once its view is written; rejects with JamConflictError (naming its leader) while another plays in the piece. */
  start(opts: JamStart): Promise<LiveJam>;
  /** Hands the leader's notes to the runner; resolves once the view shows them. */
  play(jam: JamRef, notes: readonly PlayedNote[]): Promise<void>;
  /**
   * Someone joins to play along on `track` (not the leader's, nor the model's, nor another's who plays along); again
   * with another track moves them. Throws JamConflictError saying why not.
   */
  join(jam: JamRef, who: { id: string; name: string }, track: string): Promise<void>;
  /** The notes of someone who joined, on their track; resolves once the view shows them. */
  playAlong(jam: JamRef, who: { id: string }, notes: readonly PlayedNote[]): Promise<void>;
  /** Stops the runner (again is a no-op); the take waits for Keep or Discard. `jam.view` then shows it stopped. */
  stop(jam: LiveJam): Promise<void>;
  /** Hands a stopped jam's take to Keep and forgets the jam; null when someone else kept or discarded it first. */
  claim(jam: JamRef): Promise<Take | null>;
  /** Forgets the jam and removes its view. */
  discard(jam: JamRef): Promise<void>;
  close(): Promise<void>;
}

/**
 * With other app processes (REDIS_URL): one jam a piece across all of them (claims.ts). Without, the hub has none and
 * its own jams are all there is.
 */
export interface JamLease {
  /** Claims the piece for a new jam: null once this process holds it, else the name of who leads the jam that does. */
  take(pieceId: string, jam: { id: string; leaderId: string; leaderName: string }): Promise<string | null>;
  /** The jam stopped: another may start in the piece (its take stays here until kept or discarded). */
  free(pieceId: string, jamId: string): Promise<void>;
  /** The jam is gone (kept or discarded): no call reaches it any more. */
  forget(pieceId: string, jamId: string): Promise<void>;
}
