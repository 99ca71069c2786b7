/**
 * The real server without Next's pages, for integration tests that start it in a child process
 * (so it can be SIGKILLed). Prints `listening <port>` once ready. Benchmarks read its event loop: on SIGUSR2 it
 * prints `loop-delay {"p50","p99","max"}` (ms) since the last SIGUSR2, and starts over.
 * `--jam-bar-line off`: jams share the model step by step (bench:jam's baseline), a choice no deployment is offered.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createTandemServer } from "../app";
import { loadEnv } from "../env";
import { createLog } from "../log";

const { values: args } = parseArgs({ options: { "jam-bar-line": { type: "string", default: "on" } } });
if (args["jam-bar-line"] !== "on" && args["jam-bar-line"] !== "off") throw new Error(`--jam-bar-line: expected on or off, got '${args["jam-bar-line"]}'`);

const log = createLog("tandem-test", true);
const server = await createTandemServer(loadEnv(), log, { jamBarLine: args["jam-bar-line"] === "on" });
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
