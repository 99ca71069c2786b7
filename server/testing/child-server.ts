/**
 * The real server without Next's pages, for integration tests that start it in a child process
 * (so it can be SIGKILLed). Prints `listening <port>` once ready.
 */
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
