import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { checkHttpMonitor, valueAtPath, type HttpMonitorSpec } from './http-monitor-check.js';
import { postJson } from './post-json.js';

let server: Server;
let base: string;
let lastRequest: { method: string; headers: IncomingMessage['headers']; body: string } | null = null;

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      lastRequest = { method: req.method ?? '', headers: req.headers, body };
      switch (req.url) {
        case '/json':
          return res
            .writeHead(200, { 'content-type': 'application/json' })
            .end('{"data":{"status":"ok","items":[{"up":true}]}}');
        case '/maintenance':
          return res.writeHead(200).end('<h1>Down for maintenance</h1>');
        case '/moved':
          return res.writeHead(302, { location: '/json' }).end();
        case '/loop':
          return res.writeHead(302, { location: '/loop' }).end();
        case '/created':
          return res.writeHead(201).end('created');
        case '/hang':
          return; // never answers
        case '/hook':
          return res.writeHead(204).end();
        default:
          return res.writeHead(404).end('not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function spec(path: string, overrides: Partial<HttpMonitorSpec> = {}): HttpMonitorSpec {
  return {
    url: `${base}${path}`,
    method: 'GET',
    headers: {},
    body: null,
    expectedStatusCodes: [],
    keyword: null,
    keywordAbsent: false,
    jsonPath: null,
    jsonExpected: null,
    followRedirects: false,
    verifyTls: true,
    timeoutMs: 2000,
    now: () => new Date('2026-07-04T12:00:00Z'),
    ...overrides,
  };
}

test('status codes: any 2xx by default, or exactly the expected ones', async () => {
  assert.equal((await checkHttpMonitor(spec('/created'))).ok, true);
  assert.equal((await checkHttpMonitor(spec('/created', { expectedStatusCodes: [200] }))).reason, 'status 201');
  assert.equal((await checkHttpMonitor(spec('/nope', { expectedStatusCodes: [404] }))).ok, true);
});

test('a keyword must be present, or absent', async () => {
  assert.equal((await checkHttpMonitor(spec('/json', { keyword: '"ok"' }))).ok, true);
  const present = await checkHttpMonitor(spec('/maintenance', { keyword: 'maintenance', keywordAbsent: true }));
  assert.deepEqual([present.ok, present.reason], [false, 'keyword "maintenance" present']);
  assert.equal((await checkHttpMonitor(spec('/json', { keyword: 'healthy' }))).reason, 'keyword "healthy" missing');
});

test('a JSON value at a dotted path must equal the expected text', async () => {
  assert.equal((await checkHttpMonitor(spec('/json', { jsonPath: 'data.status', jsonExpected: 'ok' }))).ok, true);
  assert.equal((await checkHttpMonitor(spec('/json', { jsonPath: 'data.items.0.up', jsonExpected: 'true' }))).ok, true);
  const wrong = await checkHttpMonitor(spec('/json', { jsonPath: 'data.status', jsonExpected: 'degraded' }));
  assert.equal(wrong.reason, 'data.status is ok, expected degraded');
  assert.equal(
    (await checkHttpMonitor(spec('/maintenance', { jsonPath: 'a', jsonExpected: 'b' }))).reason,
    'body is not JSON',
  );
  assert.equal(valueAtPath({ a: null }, 'a.b'), undefined);
});

test('redirects are reported unless followed, and followed at most 5 times', async () => {
  assert.equal((await checkHttpMonitor(spec('/moved'))).reason, 'status 302');
  assert.equal((await checkHttpMonitor(spec('/moved', { followRedirects: true, keyword: 'status' }))).ok, true);
  assert.equal((await checkHttpMonitor(spec('/loop', { followRedirects: true }))).reason, 'too many redirects');
});

test('method, headers and body are sent as configured; a hang is a timeout', async () => {
  await checkHttpMonitor(spec('/created', { method: 'POST', headers: { 'x-probe': 'pharos' }, body: '{"ping":1}' }));
  assert.equal(lastRequest?.method, 'POST');
  assert.equal(lastRequest?.headers['x-probe'], 'pharos');
  assert.equal(lastRequest?.body, '{"ping":1}');
  const hung = await checkHttpMonitor(spec('/hang', { timeoutMs: 200 }));
  assert.deepEqual([hung.ok, hung.reason], [false, 'timeout']);
  assert.equal((await checkHttpMonitor(spec('/x', { url: 'http://169.254.169.254/' }))).ok, false);
});

test('an operator alert is a JSON POST; a dead endpoint is an outcome, not an exception', async () => {
  const loopback = { timeoutMs: 1000, allowPrivateTargets: true };
  const delivered = await postJson(`${base}/hook`, JSON.stringify({ event: 'monitor.state_changed' }), loopback);
  assert.equal(delivered.ok, true);
  assert.equal(delivered.reason, 'ok');
  assert.equal(lastRequest?.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(lastRequest.body), { event: 'monitor.state_changed' });
  assert.equal((await postJson(`${base}/nope`, '{}', loopback)).reason, 'status 404');
  assert.equal((await postJson('http://127.0.0.1:1/', '{}', loopback)).ok, false);
});
