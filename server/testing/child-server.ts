/**
 * The real server without Next's pages, for integration tests that start it in a child process
 * (so it can be SIGKILLed). Prints `listening <port>` once ready. Benchmarks read its event loop: on SIGUSR2 it
 * prints `loop-delay {"p50","p99","max"}` (ms) since the last SIGUSR2, and starts over.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createTandemServer } from "../app";
import { loadEnv } from "../env";
import { createLog } from "../log";

const log = createLog("tandem-test", true);
const server = await createTandemServer(loadEnv(), log);
const port = await server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
console.log(`listening ${port}`);
const stop = () => void server.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
process.on("SIGUSR2", () => {
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  console.log(`loop-delay ${JSON.stringify({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) })}`);
  loop.reset();
});
