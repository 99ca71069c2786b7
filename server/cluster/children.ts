/**
 * The cluster's child processes: started from a plan, each output line prefixed with the child's name, a death
 * reported (never restarted behind the operator's back), and all of them stopped together: SIGTERM, then SIGKILL
 * for any still running after the grace period.
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import type { ChildSpec } from "./plan";

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningChild {
  name: string;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<ChildExit>;
  running(): boolean;
}

export interface ChildrenOptions {
  root: string;
  /** One prefixed line of a child's stdout or stderr. */
  write(line: string, stream: "stdout" | "stderr"): void;
  /** A child that exited while the cluster was not stopping. */
  onDeath(exit: ChildExit): void;
}

export interface Children {
  list: RunningChild[];
  /** Stops every child; resolves with the names of those that had to be killed. */
  stop(graceMs: number): Promise<string[]>;
}

/** Signals the child's whole process group, so nothing it started outlives it; false when none is left. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false;
  }
}

export function startChildren(specs: readonly ChildSpec[], o: ChildrenOptions): Children {
  let stopping = false;
  const started = specs.map((spec) => {
    const child = spawn(process.execPath, ["--import", "tsx", spec.entry, ...spec.args], {
      cwd: o.root,
      env: spec.env as NodeJS.ProcessEnv, // Next's types make NODE_ENV required; the apps' plans set it
      // The IPC channel is how a child hears that the cluster is gone, even killed outright (parent-watch.ts).
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      // Its own process group: a terminal's Ctrl-C reaches the cluster alone, which then stops its children itself (SIGTERM first).
      detached: true,
    });
    for (const stream of ["stdout", "stderr"] as const)
      readline.createInterface({ input: child[stream]! }).on("line", (line) => o.write(`[${spec.name}] ${line}`, stream));
    let done = false;
    const exited = new Promise<ChildExit>((resolve) => {
      const finish = (exit: ChildExit) => {
        if (done) return;
        done = true;
        if (!stopping) o.onDeath(exit);
        resolve(exit);
      };
      child.once("exit", (code, signal) => {
        // Whatever the child started and left behind in its group goes with it.
        signalGroup(child, "SIGKILL");
        // Its last lines may still be in the pipes: report the exit after them (or a moment later, should something
        // outside its group hold the pipes open).
        const report = () => finish({ name: spec.name, code, signal });
        child.once("close", report);
        setTimeout(report, 1000).unref();
      });
      child.once("error", (e) => (o.write(`[${spec.name}] could not start: ${e.message}`, "stderr"), finish({ name: spec.name, code: null, signal: null })));
    });
    const running: RunningChild = { name: spec.name, pid: child.pid ?? -1, exited, running: () => !done };
    return { child, running };
  });

  // Should the cluster itself end without stop() (an uncaught error), its children end with it.
  const killAll = () => started.forEach(({ child, running }) => running.running() && signalGroup(child, "SIGKILL"));
  process.once("exit", killAll);

  return {
    list: started.map((s) => s.running),
    async stop(graceMs) {
      stopping = true;
      const live = started.filter((s) => s.running.running());
      live.forEach((s) => signalGroup(s.child, "SIGTERM"));
      const killed: string[] = [];
      await Promise.all(
        live.map(async ({ child, running: c }) => {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), graceMs)));
          if ((await Promise.race([c.exited, late])) === "late") {
            killed.push(c.name);
            signalGroup(child, "SIGKILL");
            await c.exited;
          }
          clearTimeout(timer);
        }),
      );
      process.off("exit", killAll);
      return killed;
    },
  };
}
