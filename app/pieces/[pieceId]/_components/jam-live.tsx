"use client";
/**
 * The Jam panel while a jam is on show, the same for everyone in the piece: who leads and how, where the jam is (the
 * count-in, the bar, the pass), each of the pass's bars with who plays it and whether the model's came in time, and
 * the bars missed. The leader stops it and then keeps or discards the take (an owner may too); the others listen.
 */
import { useEffect, useState } from "react";
import type { Track } from "@/lib/doc-schema";
import { jamProgress, type JamBarCell } from "@/app/_jam/jam-progress";
import { delayOf } from "@/app/_jam/jam-schedule";
import type { Jam } from "@/app/_jam/use-jam";
import { OnScreenKeyboard } from "@/app/_components/midi/on-screen-keyboard";
import { countOf } from "@/lib/plural";
import { barsLabel } from "./ask-plan";
import { MODE_NAMES } from "./jam-form";
import styles from "./jam.module.css";

export interface JamLiveProps {
  jam: Jam & { view: NonNullable<Jam["view"]> };
  tracks: ReadonlyMap<string, Track>;
  /** An owner: may end someone else's jam. */
  owner: boolean;
  /** An editor or owner: may play along on a track of their own. */
  canPlay: boolean;
}

const STATE_WORDS: Record<JamBarCell["state"], string> = { you: "you", leader: "leader", waiting: "model, coming", ready: "model, ready", late: "model, missed (late)", failed: "model, missed" };

/** Re-renders every `ms` while on: the jam's time moves on. */
function useTicking(on: boolean, ms: number) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
}

export function JamLive({ jam, tracks, owner, canPlay }: JamLiveProps) {
  const { view } = jam;
  const s = view.settings;
  const playing = view.status === "playing";
  useTicking(playing, view.clock.beatMs / 2);
  // What this person hears: the leader live, a listener a bar or so behind.
  const heard = jam.serverNow() - (jam.listening && !jam.leader ? delayOf(view, { leader: false }) : 0);
  const p = jamProgress(view, heard, jam.leader);
  const nameOf = (id: string) => tracks.get(id)?.name ?? id;
  const current = p.cells.find((c) => c.now);
  const who = !current ? "" : current.state === "you" ? ": you play" : current.state === "leader" ? `: ${view.leaderName} plays` : ": the model plays";
  const where =
    p.phase === "count-in"
      ? `Count-in: ${countOf(p.beatsLeft, "beat")} to go`
      : `${p.phase === "stopped" ? "Stopped at" : "Now at"} bar ${(current?.pieceBar ?? s.startBar) + 1}, pass ${p.pass + 1}${p.phase === "stopped" ? "" : who}`;
  const canEnd = jam.leader || owner;

  return (
    <div className={styles.live} data-testid="jam-live">
      <p>
        <strong>{jam.leader ? "You lead" : `${view.leaderName} leads`}</strong> · {MODE_NAMES[s.mode]} · {barsLabel(s.startBar, s.startBar + s.bars)} · {s.bpm} bpm
      </p>
      <p className={styles.help}>
        {jam.leader ? "You play" : `${view.leaderName} plays`} {nameOf(s.playerTrack)}; the model plays {s.modelTracks.map(nameOf).join(", ")}
        {(view.alongs ?? []).map((a) => `; ${a.userId === jam.userId ? "you play" : `${a.name} plays`} ${nameOf(a.track)} along`).join("")}.
      </p>
      <p role="status" data-testid="jam-where" className={styles.where}>
        {where}
      </p>
      <ol className={styles.strip} aria-label="This pass's bars">
        {p.cells.map((c) => (
          <li key={c.takeBar} data-state={c.state} aria-current={c.now ? "true" : undefined} title={`Bar ${c.pieceBar + 1}: ${STATE_WORDS[c.state]}`}>
            <span className={styles.bar}>{c.pieceBar + 1}</span>
            <span>{c.state === "you" ? "You" : c.state === "leader" ? view.leaderName : "Model"}</span>
            <span className={styles.state}>{c.state === "ready" ? "✓" : c.state === "waiting" ? "…" : c.state === "late" || c.state === "failed" ? "missed" : ""}</span>
          </li>
        ))}
      </ol>
      <p className={styles.help} data-testid="jam-missed">
        {p.missed === 0 ? "No model bar missed so far." : `${countOf(p.missed, "model bar")} missed: left silent rather than played late.`}
      </p>
      <div className={styles.row}>
        {!jam.leader && (
          <button type="button" aria-pressed={jam.listening} onClick={() => jam.setListening(!jam.listening)}>
            {jam.listening ? "Listening" : "Listen"}
          </button>
        )}
        <label>
          <input type="checkbox" checked={jam.metronome} onChange={(e) => jam.setMetronome(e.target.checked)} />
          Metronome
        </label>
        {playing && canEnd && (
          <button type="button" onClick={() => void jam.stop()} disabled={jam.busy}>
            Stop
          </button>
        )}
        {!playing && canEnd && (
          <>
            <button type="button" className="primary" onClick={jam.keep} disabled={jam.busy}>
              Keep
            </button>
            <button type="button" onClick={jam.discard} disabled={jam.busy}>
              Discard
            </button>
          </>
        )}
      </div>
      {!playing && !canEnd && <p className={styles.help}>Waiting for {view.leaderName} to keep or discard the take.</p>}
      {playing && canPlay && !jam.leader && <PlayAlong jam={jam} tracks={tracks} />}
      {jam.playsIn && <OnScreenKeyboard play={jam.play} />}
    </div>
  );
}

/**
 * For an editor or owner who does not lead: play along on a track the jam leaves free, heard by everyone with the
 * jam, and kept with the take as theirs. They hear the jam as a listener does, a bar or so behind the leader.
 */
function PlayAlong({ jam, tracks }: { jam: JamLiveProps["jam"]; tracks: ReadonlyMap<string, Track> }) {
  const { view } = jam;
  const taken = new Set([view.settings.playerTrack, ...view.settings.modelTracks, ...(view.alongs ?? []).filter((a) => a.userId !== jam.userId).map((a) => a.track)]);
  const free = [...tracks].filter(([id]) => !taken.has(id));
  const [track, setTrack] = useState(jam.along ?? free[0]?.[0] ?? "");
  if (jam.along) return <p className={styles.help}>You play {tracks.get(jam.along)?.name ?? jam.along} along: your keys go into the take, heard a bar behind {view.leaderName}, as everyone hears the jam.</p>;
  if (free.length === 0) return <p className={styles.help}>Every track of the piece is in the jam: none is left to play along on.</p>;
  return (
    <div className={styles.row}>
      <label>
        Play along on
        <select value={track} onChange={(e) => setTrack(e.target.value)}>
          {free.map(([id, t]) => (
            <option key={id} value={id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => jam.joinAlong(track)} disabled={jam.busy || !track}>
        Play along
      </button>
    </div>
  );
}
