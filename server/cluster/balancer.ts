/**
 * A round-robin TCP load balancer for `npm run cluster`: each incoming connection is piped, byte for byte, to the
 * next app process that accepts it. Being TCP, it carries WebSocket upgrades as it carries plain HTTP; a piece needs
 * no sticky sessions (the relay shares it between processes), so any app will do for any connection.
 */
import net from "node:net";

export interface Backend {
  host: string;
  port: number;
}

export interface BalancerOptions {
  backends: readonly Backend[];
  /** Told when a backend stops and starts accepting connections again (not at every connection it refuses). */
  onBackendState?: (backend: Backend, up: boolean) => void;
}

export interface Balancer {
  server: net.Server;
  /** Stops listening and cuts every connection it carries. */
  close(): Promise<void>;
}

/**
 * Every backend being down is answered in HTTP, since every backend speaks it: a browser shows this
 * rather than a reset connection.
 */
const NO_BACKEND_BODY = "No Tandem app process accepts connections.\n";
const NO_BACKEND = `HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\nconnection: close\r\ncontent-length: ${NO_BACKEND_BODY.length}\r\n\r\n${NO_BACKEND_BODY}`;

export function createBalancer(o: BalancerOptions): Balancer {
  if (o.backends.length === 0) throw new Error("a balancer needs at least one backend");
  const down = new Set<Backend>();
  const open = new Set<net.Socket>();
  let turn = 0;

  const mark = (backend: Backend, up: boolean) => {
    if (up === !down.has(backend)) return;
    if (up) down.delete(backend);
    else down.add(backend);
    o.onBackendState?.(backend, up);
  };

  /** Tries the backends from this connection's turn on, one after another, until one accepts. */
  const connect = (client: net.Socket, first: number, tried = 0) => {
    if (client.destroyed) return;
    if (tried === o.backends.length) return void client.end(NO_BACKEND);
    const backend = o.backends[(first + tried) % o.backends.length];
    // allowHalfOpen: a side that has finished sending may still receive the other's answer.
    const upstream = net.connect({ host: backend.host, port: backend.port, allowHalfOpen: true });
    open.add(upstream);
    upstream.once("close", () => open.delete(upstream));
    const refused = () => {
      mark(backend, false);
      connect(client, first, tried + 1);
    };
    upstream.once("error", refused);
    upstream.once("connect", () => {
      upstream.off("error", refused);
      mark(backend, true);
      if (client.destroyed) return void upstream.destroy();
      // Once connected, an error on either side ends both: the bytes of one connection cannot be replayed to another
      // backend. A clean end travels through the pipes, after what is still buffered has been written.
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
  };

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    // Bytes the client sends before a backend accepts wait in the socket's buffer: it is not read until piped.
    client.on("error", () => client.destroy());
    connect(client, turn++ % o.backends.length);
  });

  return {
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
