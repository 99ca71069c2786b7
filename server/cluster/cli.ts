/**
 * `npm run cluster -- --apps 3 --workers 2 [--port 3000]`: Tandem scaled out on one machine, over REDIS_URL and a
 * PostgreSQL DATABASE_URL: a round-robin balancer on the port, the app processes on the ports above it, and the
 * inference workers. Every output line names its process. SIGINT/SIGTERM stop them all; a process that dies is
 * reported, not restarted.
 */
import { startCluster } from "./cluster";
import { ClusterConfigError, planCluster } from "./plan";

const say = (line: string) => console.log(`[cluster] ${line}`);

let plan;
try {
  plan = planCluster(process.argv.slice(2), process.env);
} catch (e) {
  if (!(e instanceof ClusterConfigError)) throw e;
  console.error(`[cluster] ${e.message}`);
  process.exit(2);
}

say(`starting ${plan.apps.length} app processes (ports ${plan.apps.map((a) => a.port).join(", ")}), ${plan.workerNames.length} inference workers, and the balancer on port ${plan.port}`);
const cluster = startCluster(plan, {
  write: (line, stream) => (stream === "stderr" ? process.stderr : process.stdout).write(line + "\n"),
  onDeath: ({ name, code, signal }) => {
    const alive = cluster.children.list.filter((c) => c.running()).length;
    say(`${name} exited (${signal ?? `code ${code}`}); it is not restarted, ${alive} of ${cluster.children.list.length} processes still run`);
    if (alive === 0) process.exit(1);
  },
});
cluster.ready.then(
  () => say(`ready: Tandem is at ${plan.publicUrl}`),
  (e: Error) => say(`not ready: ${e.message}`),
);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping every process`);
    const killed = await cluster.stop();
    say(killed.length ? `stopped; killed after the grace period: ${killed.join(", ")}` : "stopped");
    process.exit(0);
  });
