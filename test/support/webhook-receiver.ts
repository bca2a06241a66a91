import http from 'node:http';

/** One request a receiver got. */
export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on loopback recording every POST; answers `status(path)` (200 by default). */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  count: number;
  setStatus(fn: (path: string) => number): void;
  close(): Promise<void>;
}

/** Start a receiver on 127.0.0.1 (any free port). Set `keep` false to count without storing bodies. */
export async function startWebhookReceiver(options: { keep?: boolean } = {}): Promise<WebhookReceiver> {
  let status: (path: string) => number = () => 200;
  const receiver = { requests: [] as ReceivedRequest[], count: 0 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      receiver.count++;
      const path = request.url ?? '/';
      if (options.keep !== false) {
        receiver.requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      }
      response.writeHead(status(path), { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: receiver.requests,
    get count() {
      return receiver.count;
    },
    setStatus(fn) {
      status = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
