import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * The stand-in's public port: a TCP relay to its gRPC server, so that the stand-in can go away as
 * a killed process does. grpc-js can only shut a server down politely (its forceShutdown resets
 * each HTTP/2 stream with CANCEL, which the client reports as CANCELLED); a killed EventStoreDB
 * sends nothing, its connections just close, and a gRPC client then fails every call in flight
 * with UNAVAILABLE. Dropping the relayed sockets produces exactly that.
 */
export class TcpFront {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  /** Listens on `host:port` (0: any free port), relaying to `target` on the same host; resolves with the port. */
  async listen(host: string, port: number, targetPort: number): Promise<number> {
    const server = createServer((client) => {
      const upstream = createConnection({ host, port: targetPort });
      this.track(client);
      this.track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return (server.address() as { port: number }).port;
  }

  /** Stops listening and drops every connection without a word. */
  async drop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
