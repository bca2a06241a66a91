import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that can lose its network the way seed 000's database did: `cut()` stops forwarding
 * bytes in both directions without closing anything (packets vanish, nobody is told), and new
 * connections are accepted but never forwarded. `restore()` drops the dead connections and forwards
 * again.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<[Socket, Socket]>();
  private isCut = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listen on a free loopback port. */
  async start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.isCut) {
      // Accepted, never answered: a connect that succeeds into silence.
      this.pairs.add([client, client]);
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    client.on('data', (chunk) => {
      if (!this.isCut) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!this.isCut) client.write(chunk);
    });
  }

  /** Lose the network: bytes stop flowing, nothing is closed. */
  cut(): void {
    this.isCut = true;
  }

  /** The network is back: the dead connections are reset and new ones are forwarded. */
  restore(): void {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    this.isCut = false;
  }

  async close(): Promise<void> {
    this.restore();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
