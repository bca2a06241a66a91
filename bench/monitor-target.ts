import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// The bench's loopback target, in its own process so its CPU does not count as Pharos's.
// Every path answers 200 "ok", except /flaky while the parent has sent "fail".

let failing = false;
process.on('message', (message) => {
  if (message === 'fail') failing = true;
  if (message === 'ok') failing = false;
});
const server = createServer((request, response) => {
  if (failing && request.url === '/flaky') return response.writeHead(503).end('down');
  response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
