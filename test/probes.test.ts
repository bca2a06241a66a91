import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createToken } from '../src/app/tokens/create-token.js';
import { ProbeAgent } from '../src/checks/probe-agent.js';
import { createCheckRunner, type CheckRunner } from '../src/checks/run-check.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Three in-process probe agents in three locations, talking to a real listening Pharos over HTTP
// through a gate (a TCP proxy the test can close to make the server unreachable). Checks are real
// requests to loopback targets; a location "sees" a failure by really checking a failing target.

let t: TestApp;
let good: Server;
let bad: Server;
let goodUrl: string;
let badUrl: string;
let gate: TcpServer;
let gateOpen = true;
let serverUrl: string;
let probeToken: string;
let spoolDir: string;
const failingAt = new Set<string>();

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

before(async () => {
  t = await createTestApp({ start: '2026-07-04T12:00:00Z' });
  const pharosPort = (await t.http.listen({ port: 0, host: '127.0.0.1' })).split(':').pop();
  gate = createTcpServer((socket) => {
    if (!gateOpen) return socket.destroy();
    const upstream = connect(Number(pharosPort), '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  serverUrl = `http://127.0.0.1:${await listen(gate)}`;
  good = createServer((_q, r) => r.writeHead(200).end('ok'));
  bad = createServer((_q, r) => r.writeHead(502).end('bad gateway'));
  goodUrl = `http://127.0.0.1:${await listen(good)}/`;
  badUrl = `http://127.0.0.1:${await listen(bad)}/`;
  const system = { type: 'system' as const, id: null, name: 'test', role: 'admin' as const };
  probeToken = (await createToken(t.app, system, { name: 'probes', role: 'probe' })).secret;
  spoolDir = await mkdtemp(join(tmpdir(), 'pharos-probe-'));
});
after(async () => {
  gate.close();
  good.close();
  bad.close();
  await t.close();
  await rm(spoolDir, { recursive: true, force: true });
});

/** The real runner, except that a location in `failingAt` checks the failing target instead. */
function runnerFor(location: string): CheckRunner {
  const real = createCheckRunner({ now: t.clock.now });
  return (m) => real(failingAt.has(location) ? { ...m, settings: { ...m.settings, url: badUrl } } : m);
}

async function openAgent(location: string, spool = join(spoolDir, `${location}.jsonl`)): Promise<ProbeAgent> {
  return ProbeAgent.open({
    server: serverUrl,
    token: probeToken,
    location,
    spoolFile: spool,
    now: t.clock.now,
    runCheck: runnerFor(location),
    requestTimeoutMs: 2000,
  });
}

async function step(agents: ProbeAgent[], seconds: number, done?: () => Promise<boolean>): Promise<number> {
  for (let s = 1; s <= seconds; s++) {
    t.clock.advance(1);
    for (const a of agents) a.scheduler.pump();
    await Promise.all(agents.map((a) => a.scheduler.settle()));
    await Promise.all(agents.map((a) => a.scheduler.flush()));
    if (done && (await done())) return s;
  }
  return seconds;
}

async function post(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}
async function publicStatus(componentId: string): Promise<string> {
  const summary = (await t.request({ method: 'GET', url: '/api/v2/summary.json', role: null })).body;
  return summary.components.find((c: any) => c.id === componentId).status;
}

describe('three probes in three locations', () => {
  let api: any;
  let monitor: any;
  let agents: ProbeAgent[];
  before(async () => {
    api = await post('components', { name: 'Edge API' });
    monitor = await post('monitors', {
      type: 'http',
      name: 'Edge health',
      component_id: api.id,
      url: goodUrl,
      interval_seconds: 30,
      timeout_ms: 1000,
      locations: ['eu', 'us', 'ap'],
    });
    agents = await Promise.all(['eu', 'us', 'ap'].map((l) => openAgent(l)));
    for (const a of agents) await a.scheduler.reload();
    await step(agents, 31);
    assert.equal(await publicStatus(api.id), 'operational');
  });

  test('a failure only one location sees causes no public outage', async () => {
    failingAt.add('eu');
    for (let i = 0; i < 90; i += 5) {
      await step(agents, 5);
      assert.equal(await publicStatus(api.id), 'operational', `after ${i + 5} s`);
    }
    const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}` })).body.state;
    assert.equal(state.locations.eu.verdict, 'down');
    assert.equal(state.locations.us.verdict, 'up');
    assert.equal(state.status, 'up');
  });

  test('two of three locations failing declare the outage within interval + 5 s', async () => {
    failingAt.add('us');
    const took = await step(agents, 90, async () => (await publicStatus(api.id)) === 'major_outage');
    assert.equal(await publicStatus(api.id), 'major_outage');
    assert.ok(took <= 36, `took ${took} s`);
    const summary = (await t.request({ method: 'GET', url: '/api/v2/summary.json', role: null })).body;
    assert.match(summary.incidents[0].incident_updates[0].body, /status 502 in eu, us \(2 of 3 locations\)/);
    failingAt.clear();
    await step(agents, 90, async () => (await publicStatus(api.id)) === 'operational');
    assert.equal(await publicStatus(api.id), 'operational');
  });

  test('a probe token can do nothing but fetch assignments and report results', async () => {
    const headers = { authorization: `Bearer ${probeToken}` };
    const read = await t.request({ method: 'GET', url: '/api/v1/components', role: null, headers });
    assert.equal(read.status, 403);
    const assignments = await t.request({
      method: 'GET',
      url: '/api/v1/probe/assignments?location=eu',
      role: null,
      headers,
    });
    assert.equal(assignments.status, 200);
    assert.deepEqual(
      assignments.body.data.map((a: any) => a.id),
      [monitor.id],
    );
    assert.equal(assignments.body.data[0].component_id, undefined, 'a probe learns nothing about components');
    const asAdmin = await t.request({
      method: 'POST',
      url: '/api/v1/probe/results',
      json: { location: 'eu', results: [] },
    });
    assert.equal(asAdmin.status, 403);
    assert.equal(asAdmin.body.error.code, 'PROBE_ONLY');
  });

  test('a resent batch is not stored twice', async () => {
    const headers = { authorization: `Bearer ${probeToken}` };
    const batch = {
      location: 'ap',
      results: [
        { id: 'resend-test-1', monitor_id: monitor.id, at: t.clock.now().toISOString(), ok: true, ms: 3, reason: 'ok' },
      ],
    };
    const first = await t.request({ method: 'POST', url: '/api/v1/probe/results', role: null, headers, json: batch });
    const again = await t.request({ method: 'POST', url: '/api/v1/probe/results', role: null, headers, json: batch });
    assert.equal(first.body.stored, 1);
    assert.deepEqual([again.body.stored, again.body.ignored], [0, 1]);
  });
});

describe('a probe killed while the server is unreachable', () => {
  test('sends its spooled results when it comes back, without duplicates', async () => {
    const db = await post('components', { name: 'Branch office' });
    const monitor = await post('monitors', {
      type: 'http',
      name: 'Branch router',
      component_id: db.id,
      url: goodUrl,
      interval_seconds: 10,
      timeout_ms: 1000,
      locations: ['branch'],
    });
    const spool = join(spoolDir, 'branch.jsonl');
    const first = await openAgent('branch', spool);
    await first.scheduler.reload();
    gateOpen = false;
    await step([first], 45);
    const produced = first.scheduler.takeStats().checksRun;
    assert.ok(produced >= 4, `${produced} checks`);
    assert.equal(first.pending(), produced, 'nothing reached the server');
    // "kill -9": the agent is dropped without stopping; only its spool file survives.

    const second = await openAgent('branch', spool);
    assert.equal(second.pending(), produced);
    gateOpen = true;
    await second.upload();
    await second.upload(); // a second pass (e.g. a retry timer) sends nothing again
    assert.equal(second.pending(), 0);
    const results = (
      await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}/results?from=2026-01-01T00:00:00Z` })
    ).body.data;
    assert.equal(results.length, produced);
    assert.ok(results.every((r: any) => r.location === 'branch' && r.ok));
  });
});
