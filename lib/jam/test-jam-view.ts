/** A JamView for tests: Ann's jam with these settings and clock, nothing played or written yet unless `over` says so. */
import type { JamView } from "./view";

export const testJamView = (settings: JamView["settings"], clock: JamView["clock"], over: Partial<JamView> = {}): JamView => ({
  id: "j1",
  leaderId: "u1",
  leaderName: "Ann",
  settings,
  clock,
  status: "playing",
  played: [],
  bars: [],
  missed: [],
  createdAt: 7_000,
  ...over,
});
