import type { Duplex } from "node:stream";

/**
 * Answers a WebSocket upgrade request with a plain HTTP status and closes its socket once the answer is
 * written, so neither the client nor the server is left holding a socket nobody will answer.
 */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
