import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { checkDns } from './dns-check.js';
import { checkTcp } from './tcp-check.js';
import { checkTls } from './tls-check.js';

const now = () => new Date();

describe('TCP', () => {
  let server: Server;
  let port: number;
  before(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  test('an open port is ok; a closed one is refused', async () => {
    assert.equal((await checkTcp('127.0.0.1', port, { timeoutMs: 2000, now })).ok, true);
    const closed = await checkTcp('127.0.0.1', 1, { timeoutMs: 2000, now });
    assert.deepEqual([closed.ok, closed.reason], [false, 'econnrefused']);
  });
});

// A minimal authoritative DNS server on loopback: A records for a few names, NXDOMAIN otherwise,
// and silence for one name so that timeouts can be tested.
function answerDns(message: Buffer, records: Record<string, string>): Buffer | null {
  let offset = 12;
  const labels: string[] = [];
  while (message[offset] !== 0) {
    const length = message[offset]!;
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString());
    offset += length + 1;
  }
  const question = message.subarray(12, offset + 5);
  const name = labels.join('.').toLowerCase();
  if (name === 'silent.test') return null;
  const address = records[name];
  const header = Buffer.alloc(12);
  message.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(address ? 0x8180 : 0x8183, 2); // response, recursion; rcode 3 = NXDOMAIN
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(address ? 1 : 0, 6);
  if (!address) return Buffer.concat([header, question]);
  const answer = Buffer.alloc(16);
  answer.writeUInt16BE(0xc00c, 0); // pointer to the question name
  answer.writeUInt16BE(1, 2); // A
  answer.writeUInt16BE(1, 4); // IN
  answer.writeUInt32BE(60, 6);
  answer.writeUInt16BE(4, 10);
  address.split('.').forEach((octet, i) => answer.writeUInt8(Number(octet), 12 + i));
  return Buffer.concat([header, question, answer]);
}

describe('DNS', () => {
  let dns: UdpSocket;
  let resolver: string;
  const records: Record<string, string> = { 'api.smsfactor.test': '62.210.31.127' };
  before(async () => {
    dns = createSocket('udp4');
    dns.on('message', (message, remote) => {
      const reply = answerDns(message, records);
      if (reply) dns.send(reply, remote.port, remote.address);
    });
    await new Promise<void>((resolve) => dns.bind(0, '127.0.0.1', resolve));
    resolver = `127.0.0.1:${dns.address().port}`;
  });
  after(() => dns.close());

  test('the expected answer is ok; a changed answer, a missing name and silence are failures', async () => {
    const ok = await checkDns('api.smsfactor.test', {
      type: 'A',
      expected: '62.210.31.127',
      resolver,
      timeoutMs: 1000,
      now,
    });
    assert.deepEqual([ok.ok, ok.reason], [true, 'ok']);
    records['api.smsfactor.test'] = '51.159.21.54';
    const changed = await checkDns('api.smsfactor.test', {
      type: 'A',
      expected: '62.210.31.127',
      resolver,
      timeoutMs: 1000,
      now,
    });
    assert.deepEqual([changed.ok, changed.reason], [false, 'unexpected answer: 51.159.21.54']);
    assert.equal((await checkDns('api.smsfactor.test', { type: 'A', resolver, timeoutMs: 1000, now })).ok, true);
    const missing = await checkDns('nope.test', { type: 'A', resolver, timeoutMs: 1000, now });
    assert.deepEqual([missing.ok, missing.reason], [false, 'enotfound']);
    const silent = await checkDns('silent.test', { type: 'A', resolver, timeoutMs: 300, now });
    assert.deepEqual([silent.ok, silent.reason], [false, 'timeout']);
  });
});

describe('TLS certificate expiry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pharos-tls-'));
  const servers: Server[] = [];
  after(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A TLS server on loopback with a self-signed certificate valid for `days` days (real openssl). */
  async function serveCertificate(days: number): Promise<number> {
    const key = join(dir, `${days}.key`);
    const cert = join(dir, `${days}.crt`);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        String(days),
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const server = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => socket.end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  test('days left are reported; near expiry fails; a self-signed certificate fails unless verification is off', async () => {
    const healthy = await serveCertificate(90);
    const untrusted = await checkTls('127.0.0.1', healthy, {
      warnDays: 14,
      servername: 'localhost',
      timeoutMs: 3000,
      now,
    });
    assert.equal(untrusted.ok, false);
    assert.match(untrusted.reason, /^untrusted certificate: /);
    const trusted = await checkTls('127.0.0.1', healthy, {
      warnDays: 14,
      verify: false,
      servername: 'localhost',
      timeoutMs: 3000,
      now,
    });
    assert.deepEqual([trusted.ok, trusted.reason], [true, 'ok, expires in 89 days']);

    const soon = await serveCertificate(5);
    const expiring = await checkTls('127.0.0.1', soon, {
      warnDays: 14,
      verify: false,
      servername: 'localhost',
      timeoutMs: 3000,
      now,
    });
    assert.deepEqual([expiring.ok, expiring.reason], [false, 'certificate expires in 4 days']);
    const later = () => new Date(Date.now() + 10 * 86_400_000);
    const expired = await checkTls('127.0.0.1', soon, {
      warnDays: 14,
      verify: false,
      servername: 'localhost',
      timeoutMs: 3000,
      now: later,
    });
    assert.deepEqual([expired.ok, expired.reason], [false, 'certificate expired']);
  });
});
