/**
 * The cluster's load balancer as a process (started by `npm run cluster`):
 *   tsx server/cluster/lb.ts --port 3000 --backends 127.0.0.1:3001,127.0.0.1:3002
 * Listens on HOST when set, else on every address (IPv4 and IPv6, so `localhost` works either way).
 */
import { parseArgs } from "node:util";
import { createLog } from "../log";
import { createBalancer, type Backend } from "./balancer";
import { stopWithParent } from "./parent-watch";

const log = createLog("balancer");
const { values } = parseArgs({ options: { port: { type: "string" }, backends: { type: "string" } }, strict: true });
const port = Number(values.port);
const backends = (values.backends ?? "").split(",").filter(Boolean).map((hostPort): Backend => {
  const [host, p] = hostPort.split(":");
  return { host, port: Number(p) };
});
if (!Number.isInteger(port) || backends.length === 0 || backends.some((b) => !b.host || !Number.isInteger(b.port))) {
  log.error(`usage: tsx server/cluster/lb.ts --port 3000 --backends host:port,host:port (got --port ${values.port} --backends ${values.backends})`);
  process.exit(2);
}
const name = (b: Backend) => `${b.host}:${b.port}`;
const balancer = createBalancer({
  backends,
  onBackendState: (b, up) => log.info(up ? `${name(b)} accepts connections` : `${name(b)} refuses connections: its turns go to the next`),
});
balancer.server.on("error", (e) => {
  log.error(`cannot listen on port ${port}: ${e.message}`);
  process.exit(1);
});
balancer.server.listen(port, process.env.HOST, () => log.info(`balancing port ${port} over ${backends.map(name).join(", ")}, in turn`));
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => void balancer.close().then(() => process.exit(0)));
stopWithParent();
