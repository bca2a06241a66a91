import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { isForbiddenAddress } from './address-guard.js';
import { checkHttp } from './http-check.js';

// A real HTTP server on loopback whose behaviour the tests switch.
let mode: 'ok' | 'fail' | 'hang' | 'redirect' = 'ok';
let server: Server;
let base: string;
before(async () => {
  server = createServer((req, res) => {
    if (mode === 'hang') return;
    if (mode === 'redirect') return res.writeHead(302, { location: '/elsewhere' }).end();
    res.writeHead(mode === 'ok' ? 200 : 503).end(mode);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const now = () => new Date('2026-07-04T22:05:00Z');

test('2xx is ok; 5xx, redirects, timeouts and refused connections are failures with a reason', async () => {
  mode = 'ok';
  assert.deepEqual(
    { ...(await checkHttp(`${base}/health`, { timeoutMs: 2000, now })), ms: 0 },
    { ok: true, reason: 'ok', ms: 0, at: '2026-07-04T22:05:00.000Z' },
  );
  mode = 'fail';
  assert.equal((await checkHttp(`${base}/health`, { timeoutMs: 2000, now })).reason, 'status 503');
  mode = 'redirect';
  assert.equal((await checkHttp(`${base}/health`, { timeoutMs: 2000, now })).reason, 'status 302');
  mode = 'hang';
  const hung = await checkHttp(`${base}/health`, { timeoutMs: 200, now });
  assert.equal(hung.ok, false);
  assert.equal(hung.reason, 'timeout');
  assert.equal((await checkHttp('http://127.0.0.1:1/', { timeoutMs: 2000, now })).reason, 'econnrefused');
});

test('link-local (cloud metadata) addresses are refused; private ones are allowed', async () => {
  assert.equal(isForbiddenAddress('169.254.169.254'), true);
  assert.equal(isForbiddenAddress('fe80::1'), true);
  assert.equal(isForbiddenAddress('::ffff:169.254.169.254'), true);
  assert.equal(isForbiddenAddress('10.0.0.5'), false);
  assert.equal(isForbiddenAddress('127.0.0.1'), false);
  assert.equal(
    (await checkHttp('http://169.254.169.254/latest/meta-data/', { timeoutMs: 500, now })).reason,
    'forbidden address (link-local)',
  );
});
