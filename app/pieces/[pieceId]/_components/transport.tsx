"use client";
/** The transport bar: play / stop, tempo, metronome, count-in, loop; MIDI controls sit at its end. */
import { useEffect, useState, type ReactNode } from "react";
import type { PlayingWhat } from "@/app/_playback/use-player";
import { MAX_BPM, MIN_BPM } from "@/app/_playback/tempo";
import type { TransportSettings } from "@/app/_playback/transport-settings";
import { WholeNumberInput } from "./whole-number-input";

const MAX_BAR = 2000; // as far as a piece goes (MAX_TICK in lib/doc-schema: 2000 bars of 4/4)

export interface TransportProps {
  playing: PlayingWhat;
  loading: boolean;
  error: string | null;
  onPlay(from: "start" | "bar"): void;
  onStop(): void;
  currentBar: number; // 0-based
  bpm: number;
  onBpm(bpm: number): void;
  readOnly: boolean;
  settings: TransportSettings;
  onSettings(s: TransportSettings): void;
  children?: ReactNode;
}

export function Transport(p: TransportProps) {
  const { settings: s, onSettings } = p;
  const [tempo, setTempo] = useState(String(p.bpm));
  useEffect(() => setTempo(String(p.bpm)), [p.bpm]); // someone else changed it
  const commitTempo = () => {
    const bpm = Number(tempo);
    if (tempo.trim() === "" || !Number.isFinite(bpm)) setTempo(String(p.bpm));
    else p.onBpm(bpm);
  };
  const setLoop = (patch: Partial<TransportSettings["loop"]>) => onSettings({ ...s, loop: { ...s.loop, ...patch } });

  return (
    <div className="transport" role="toolbar" aria-label="Transport">
      <div className="group" role="group" aria-label="Play">
        <button type="button" className="primary" onClick={() => p.onPlay("start")} disabled={p.playing !== null}>
          {p.loading ? "Loading sounds…" : "▶ Play"}
        </button>
        <button type="button" onClick={() => p.onPlay("bar")} disabled={p.playing !== null}>
          Play from bar {p.currentBar + 1}
        </button>
        <button type="button" onClick={p.onStop} disabled={p.playing === null}>
          ■ Stop
        </button>
      </div>
      <label className="tempo">
        Tempo
        <input
          type="number"
          min={MIN_BPM}
          max={MAX_BPM}
          step={1}
          value={tempo}
          disabled={p.readOnly}
          onChange={(e) => setTempo(e.target.value)}
          onBlur={commitTempo}
          onKeyDown={(e) => e.key === "Enter" && commitTempo()}
        />
        <span aria-hidden="true">BPM</span>
      </label>
      <label>
        <input type="checkbox" checked={s.metronome} onChange={(e) => onSettings({ ...s, metronome: e.target.checked })} />
        Metronome
      </label>
      <label>
        <input type="checkbox" checked={s.countIn} onChange={(e) => onSettings({ ...s, countIn: e.target.checked })} />
        Count-in
      </label>
      <div className="group" role="group" aria-label="Loop range">
        <label>
          <input type="checkbox" checked={s.loop.on} onChange={(e) => setLoop({ on: e.target.checked })} />
          Loop
        </label>
        <label>
          from bar
          <WholeNumberInput className="bar-input" min={1} max={MAX_BAR} value={s.loop.startBar + 1} onValue={(b) => setLoop({ startBar: b - 1 })} />
        </label>
        <label>
          to bar
          <WholeNumberInput
            className="bar-input"
            aria-label="Loop end bar (inclusive)"
            min={1}
            max={MAX_BAR}
            value={s.loop.endBar}
            onValue={(b) => setLoop({ endBar: b })}
          />
        </label>
        {s.loop.on && s.loop.endBar <= s.loop.startBar && <span className="status">The loop's end is before its start</span>}
      </div>
      {p.children}
      {p.error && (
        <p role="alert" className="alert">
          {p.error}
        </p>
      )}
    </div>
  );
}
