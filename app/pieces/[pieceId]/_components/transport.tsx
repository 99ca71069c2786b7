"use client";
/** The transport in the toolbar row: play / stop (saying while the sounds load), tempo, and a popover for loop and metronome. */
import { useEffect, useState } from "react";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { PlayingWhat } from "@/app/_playback/use-player";
import { MAX_BPM, MIN_BPM, readTempo } from "@/app/_playback/tempo";
import { loopRange, type TransportSettings } from "@/app/_playback/transport-settings";
import { loopLabel } from "@/app/_components/piano-roll/loop-bars";
import { ErrorAlert } from "@/app/_components/error-alert";
import { ToolbarMenu } from "./toolbar-menu";
import { WholeNumberInput } from "./whole-number-input";
import styles from "./toolbar.module.css";

const MAX_BAR = 2000; // as far as a piece goes (MAX_TICK in lib/doc-schema: 2000 bars of 4/4)

export interface TransportProps {
  playing: PlayingWhat;
  /** The sampled instruments are loading (from when the piece opens). */
  loading: boolean;
  onPlay(from: "start" | "bar"): void;
  onStop(): void;
  currentBar: number; // 0-based
  bpm: number;
  onBpm(bpm: number): void;
  meter: Meter;
  readOnly: boolean;
  settings: TransportSettings;
  onSettings(s: TransportSettings): void;
  /** Loops the selected notes or bars (the L key). */
  onLoopSelection(): void;
}

export function Transport(p: TransportProps) {
  const { settings: s, onSettings } = p;
  const [tempo, setTempo] = useState(String(p.bpm));
  const [tempoError, setTempoError] = useState<string | null>(null);
  useEffect(() => setTempo(String(p.bpm)), [p.bpm]); // someone else changed it
  const commitTempo = () => {
    if (tempo === String(p.bpm)) return; // nothing new (or just put back after a refusal, whose message stays)
    const typed = readTempo(tempo, p.bpm);
    setTempoError("error" in typed ? typed.error : null);
    if ("error" in typed) setTempo(String(p.bpm));
    else p.onBpm(typed.bpm);
  };
  const setLoop = (patch: Partial<TransportSettings["loop"]>) => onSettings({ ...s, loop: { ...s.loop, ...patch } });
  const loop = loopRange(s, p.meter);

  return (
    <div className={styles.group} role="toolbar" aria-label="Transport">
      <div className={styles.group} role="group" aria-label="Play">
        <button
          type="button"
          className="primary"
          onClick={() => p.onPlay("start")}
          disabled={p.playing !== null}
          aria-busy={p.loading}
          aria-describedby={p.loading ? "sounds-loading" : undefined}
        >
          {p.loading && <span className={styles.spinner} aria-hidden="true" />}▶ Play
        </button>
        <button type="button" onClick={() => p.onPlay("bar")} disabled={p.playing !== null} aria-label={`Play from bar ${p.currentBar + 1}`}>
          From bar {p.currentBar + 1}
        </button>
        <button type="button" onClick={p.onStop} disabled={p.playing === null}>
          ■ Stop
        </button>
        {p.loading && (
          <span id="sounds-loading" role="status" className={styles.loading}>
            Loading sounds…
          </span>
        )}
      </div>
      <div className={`${styles.group} ${styles.tempo}`}>
        <label title="Tempo in beats per minute">
          Tempo
          <input
            type="number"
            min={MIN_BPM}
            max={MAX_BPM}
            step={1}
            value={tempo}
            disabled={p.readOnly}
            aria-invalid={tempoError !== null}
            aria-describedby={tempoError ? "tempo-error" : undefined}
            onChange={(e) => setTempo(e.target.value)}
            onBlur={commitTempo}
            onKeyDown={(e) => e.key === "Enter" && commitTempo()}
          />
        </label>
        {tempoError && (
          <div className={styles.below}>
            <ErrorAlert id="tempo-error" error={tempoError} />
          </div>
        )}
      </div>
      <ToolbarMenu
        name="Loop and metronome"
        testId="playback-options"
        title="Loop, metronome and count-in"
        label={loop ? <span data-testid="loop-label">Loop {loopLabel(loop, ticksPerBar(p.meter))}</span> : "Loop"}
      >
        <label>
          <input type="checkbox" checked={s.metronome} onChange={(e) => onSettings({ ...s, metronome: e.target.checked })} />
          Metronome
        </label>
        <label>
          <input type="checkbox" checked={s.countIn} onChange={(e) => onSettings({ ...s, countIn: e.target.checked })} />
          Count-in
        </label>
        <div className={styles.row} role="group" aria-label="Loop range">
          <label>
            <input type="checkbox" checked={s.loop.on} onChange={(e) => setLoop({ on: e.target.checked })} />
            Loop
          </label>
          <label>
            from bar
            <WholeNumberInput className={styles.barInput} min={1} max={MAX_BAR} value={s.loop.startBar + 1} onValue={(b) => setLoop({ startBar: b - 1 })} />
          </label>
          <label>
            to bar
            <WholeNumberInput
              className={styles.barInput}
              aria-label="Loop end bar (inclusive)"
              min={1}
              max={MAX_BAR}
              value={s.loop.endBar}
              onValue={(b) => setLoop({ endBar: b })}
            />
          </label>
        </div>
        {s.loop.on && s.loop.endBar <= s.loop.startBar && <span className="status">The loop&apos;s end is before its start</span>}
        <button type="button" onClick={p.onLoopSelection} aria-keyshortcuts="L" title="Loop the selected notes or bars; again to clear the loop (L)">
          {loop ? "Clear the loop" : "Loop the selection"}
        </button>
      </ToolbarMenu>
    </div>
  );
}
