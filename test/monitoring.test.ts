import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../src/app/context.js';
import { runMaintenanceClock } from '../src/app/maintenance/run-maintenance-clock.js';
import type { CheckScheduler } from '../src/checks/check-scheduler.js';
import { createLocalScheduler } from '../src/checks/local-monitoring.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// End to end: a real loopback HTTP target switched between healthy, failing, hanging and slow; the
// real local scheduler and runner; a test clock that the scheduler and the evaluator both follow.
// Checks really go over the network, so a hang costs its (short) timeout in real time.

type Mode = 'ok' | 'fail' | 'hang' | 'slow';
let mode: Mode = 'ok';
/** Paths with a mode of their own (the dependency tests switch two services separately). */
const pathModes = new Map<string, Mode>();
let target: Server;
let targetUrl: string;
let t: TestApp;
let scheduler: CheckScheduler;

function globalMode(): Mode {
  return mode;
}

before(async () => {
  t = await createTestApp({ start: '2026-07-04T12:00:00Z' });
  target = createServer((req, res) => {
    const mode = pathModes.get(req.url ?? '') ?? globalMode();
    if (mode === 'hang') return; // never answers; the check's timeout ends it
    if (mode === 'fail') return res.writeHead(503).end('database unreachable');
    if (mode === 'slow') return setTimeout(() => res.writeHead(200).end('{"status":"ok"}'), 300);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
  scheduler = createLocalScheduler(t.app, {
    concurrency: 10,
    onError: (error) => {
      throw error;
    },
  });
});
after(async () => {
  target.closeAllConnections();
  target.close();
  await t.close();
});

/** Move the clock one second at a time, running whatever falls due, until `done` or `seconds` pass. */
async function run(seconds: number, done?: () => Promise<boolean>): Promise<number> {
  for (let s = 1; s <= seconds; s++) {
    t.clock.advance(1);
    scheduler.pump();
    await scheduler.settle();
    await scheduler.flush();
    if (done && (await done())) return s;
  }
  return seconds;
}

async function post(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}
async function summary(): Promise<any> {
  return (await t.request({ method: 'GET', url: '/api/v2/summary.json', role: null })).body;
}
async function publicStatus(componentId: string): Promise<string> {
  return (await summary()).components.find((c: any) => c.id === componentId).status;
}

describe('an HTTP monitor on a component', () => {
  let api: any;
  let monitor: any;
  before(async () => {
    api = await post('components', { name: 'API' });
    monitor = await post('monitors', {
      type: 'http',
      name: 'API health',
      component_id: api.id,
      url: targetUrl,
      json_path: 'status',
      json_expected: 'ok',
      interval_seconds: 30,
      timeout_ms: 500,
      max_latency_ms: 200,
    });
    await scheduler.reload();
  });

  test('is checked within its first interval and shows operational', async () => {
    await run(31);
    const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}` })).body.state;
    assert.equal(state.status, 'up');
    assert.equal(await publicStatus(api.id), 'operational');
    assert.equal((await summary()).incidents.length, 0);
  });

  test('a failing target becomes a public major outage with an incident within interval + 5 s', async () => {
    mode = 'fail';
    const took = await run(60, async () => (await publicStatus(api.id)) === 'major_outage');
    assert.ok(took <= 30 + 5 + 1, `took ${took} s`);
    const open = (await summary()).incidents;
    assert.equal(open.length, 1);
    assert.equal(open[0].name, 'API: major outage');
    assert.equal(open[0].status, 'investigating');
    assert.match(open[0].incident_updates[0].body, /API health is failing \(status 503 in local/);
    assert.equal((await summary()).status.indicator, 'critical');
  });

  test('the target recovering makes it operational again and resolves the incident', async () => {
    mode = 'ok';
    await run(90, async () => (await publicStatus(api.id)) === 'operational');
    assert.equal(await publicStatus(api.id), 'operational');
    assert.equal((await summary()).incidents.length, 0);
    const incidents = (await t.request({ method: 'GET', url: '/api/v1/incidents' })).body.data;
    assert.equal(incidents[0].status, 'resolved');
    assert.match(incidents[0].updates[0].body, /resolved automatically/);
  });

  test('a hanging target is an outage too (timeout), and a slow one is degraded performance', async () => {
    mode = 'hang';
    await run(60, async () => (await publicStatus(api.id)) === 'major_outage');
    assert.equal(await publicStatus(api.id), 'major_outage');
    const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}` })).body.state;
    assert.equal(state.locations.local.last_reason, 'timeout');
    mode = 'slow';
    await run(120, async () => (await publicStatus(api.id)) === 'degraded_performance');
    assert.equal(await publicStatus(api.id), 'degraded_performance');
    mode = 'ok';
    await run(120, async () => (await publicStatus(api.id)) === 'operational');
    assert.equal(await publicStatus(api.id), 'operational');
  });

  test('a person editing the automatic incident takes it over: automation no longer resolves it', async () => {
    mode = 'fail';
    await run(60, async () => (await summary()).incidents.length === 1);
    const incident = (await summary()).incidents[0];
    await post(`incidents/${incident.id}/updates`, { status: 'identified', message: 'A bad deploy; rolling back.' });
    mode = 'ok';
    await run(
      90,
      async () =>
        (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}` })).body.state.applied_status ===
        'operational',
    );
    const after = (await t.request({ method: 'GET', url: `/api/v1/incidents/${incident.id}` })).body;
    assert.equal(after.status, 'identified', 'the person resolves it, not automation');
    // The component is still held by the person's incident, not by the monitor.
    assert.equal(await publicStatus(api.id), 'major_outage');
    await post(`incidents/${incident.id}/updates`, { status: 'resolved', message: 'Rolled back.' });
    assert.equal(await publicStatus(api.id), 'operational');
  });

  test('results are kept as response-time data', async () => {
    const results = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}/results` })).body.data;
    assert.ok(results.length > 10, `${results.length} results`);
    assert.ok(results.some((r: any) => !r.ok && r.reason === 'status 503'));
    assert.ok(results.every((r: any) => r.location === 'local'));
    await t.request({ method: 'PATCH', url: `/api/v1/monitors/${monitor.id}`, json: { paused: true } });
    await scheduler.reload();
  });
});

describe('during maintenance on the component', () => {
  test('results are recorded but no incident opens and the status stays under maintenance', async () => {
    mode = 'ok';
    const db = await post('components', { name: 'Database' });
    const m = await post('monitors', {
      type: 'http',
      name: 'Database proxy',
      component_id: db.id,
      url: targetUrl,
      interval_seconds: 10,
      timeout_ms: 500,
    });
    await scheduler.reload();
    await run(12);
    const start = t.clock.now();
    await post('maintenances', {
      name: 'Database resync',
      message: 'Planned.',
      component_ids: [db.id],
      scheduled_for: new Date(start.getTime() - 1000).toISOString(),
      scheduled_until: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    await runMaintenanceClock(t.app, { checkUrl: () => Promise.reject(new Error('unused')) });
    mode = 'fail';
    await run(40);
    assert.equal(await publicStatus(db.id), 'under_maintenance');
    assert.deepEqual((await summary()).incidents, []);
    const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${m.id}` })).body.state;
    assert.equal(state.status, 'down', 'the monitor still knows');
    assert.equal(state.applied_status, 'operational');
    mode = 'ok';
    await run(30);
    await t.request({ method: 'DELETE', url: `/api/v1/monitors/${m.id}` });
  });
});

describe('a heartbeat monitor', () => {
  test('missing beats is a failure; a beat recovers it', async () => {
    const backup = await post('components', { name: 'Backups' });
    const m = await post('monitors', {
      type: 'heartbeat',
      name: 'Nightly backup job',
      component_id: backup.id,
      period_seconds: 60,
      grace_seconds: 30,
      down_status: 'partial_outage',
      auto_incident: 'draft',
    });
    await scheduler.reload();
    const path = new URL(m.push_url).pathname;
    assert.equal((await t.request({ method: 'POST', url: path, role: null })).status, 200);
    await run(80);
    assert.equal(await publicStatus(backup.id), 'operational', 'within period + grace');
    await run(120, async () => (await publicStatus(backup.id)) === 'partial_outage');
    assert.equal(await publicStatus(backup.id), 'partial_outage');
    const incidents = (await summary()).incidents.filter((i: any) => i.name.startsWith('Backups'));
    assert.equal(incidents.length, 0, 'draft mode publishes no incident');
    assert.equal((await t.request({ method: 'GET', url: path, role: null })).status, 200);
    assert.equal(await publicStatus(backup.id), 'operational');
  });
});

describe('a service that depends on another', () => {
  test("its failure joins the dependency's incident: API is degraded because Database is unreachable", async () => {
    mode = 'ok';
    const database = await post('components', { name: 'Primary database' });
    const api = await post('components', { name: 'Public API' });
    const base = { type: 'http', interval_seconds: 10, timeout_ms: 500 };
    const dbMonitor = await post('monitors', {
      ...base,
      name: 'DB proxy',
      component_id: database.id,
      url: `${targetUrl}-db`,
    });
    await post('monitors', {
      ...base,
      name: 'API health',
      component_id: api.id,
      url: `${targetUrl}-api`,
      down_status: 'degraded_performance',
      depends_on: [database.id],
    });
    await scheduler.reload();
    await run(12);
    const open = async () => (await summary()).incidents.filter((i: any) => /Primary database|Public API/.test(i.name));

    pathModes.set('/health-db', 'fail');
    await run(40, async () => (await publicStatus(database.id)) === 'major_outage');
    pathModes.set('/health-api', 'fail');
    await run(40, async () => (await publicStatus(api.id)) === 'degraded_performance');
    const incidents = await open();
    assert.deepEqual(
      incidents.map((i: any) => i.name),
      ['Primary database: major outage'],
      'one root incident, not two',
    );
    assert.match(
      incidents[0].incident_updates[0].body,
      /^Public API is degraded because Primary database is unreachable/,
    );
    assert.deepEqual(incidents[0].components.map((c: any) => c.name).sort(), ['Primary database', 'Public API']);

    pathModes.clear();
    await run(
      60,
      async () => (await publicStatus(database.id)) === 'operational' && (await publicStatus(api.id)) === 'operational',
    );
    assert.deepEqual(await open(), []);
    const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${dbMonitor.id}` })).body.state;
    assert.equal(state.incident_id, null, 'the root resolved its incident itself (no takeover was assumed)');
    const all = (await t.request({ method: 'GET', url: '/api/v1/incidents' })).body.data;
    assert.equal(all.filter((i: any) => i.name.startsWith('Public API')).length, 0);
  });
});

describe('after a restart', () => {
  test('the evaluator continues from its stored state: one failure before and one after make an outage', async () => {
    mode = 'ok';
    const queue = await post('components', { name: 'Queue' });
    const m = await post('monitors', {
      type: 'http',
      name: 'Queue',
      component_id: queue.id,
      url: `${targetUrl}-queue`,
      interval_seconds: 30,
      timeout_ms: 500,
    });
    await scheduler.reload();
    await run(31);
    pathModes.set('/health-queue', 'fail');
    await run(
      31,
      async () =>
        (await t.request({ method: 'GET', url: `/api/v1/monitors/${m.id}` })).body.state.locations.local.last_reason ===
        'status 503',
    );
    assert.equal(await publicStatus(queue.id), 'operational', 'one failure is not yet an outage');

    // A new process: a fresh scheduler and context over the same database.
    // (Its writes reach this page's snapshot as the change counters would carry them.)
    const restartedApp = createAppContext(t.app.db, t.app.dialect, {
      now: t.clock.now,
      onPageChanged: (pageId) => t.snapshots.pageChanged(pageId),
    });
    const restarted = createLocalScheduler(restartedApp, {
      concurrency: 10,
      onError: (error) => {
        throw error;
      },
    });
    await restarted.reload();
    for (let s = 0; s < 31 && (await publicStatus(queue.id)) !== 'major_outage'; s++) {
      t.clock.advance(1);
      restarted.pump();
      await restarted.settle();
      await restarted.flush();
    }
    assert.equal(await publicStatus(queue.id), 'major_outage');
    pathModes.clear();
    await t.request({ method: 'DELETE', url: `/api/v1/monitors/${m.id}` });
    const open = (await summary()).incidents.filter((i: any) => i.name.startsWith('Queue'));
    assert.equal(open.length, 1, 'its automatic incident stays for people to resolve');
    await post(`incidents/${open[0].id}/updates`, { status: 'resolved', message: 'Monitor removed.' });
    assert.equal(await publicStatus(queue.id), 'operational', 'nothing else holds the component');
  });
});

describe('tcp, dns and tls monitors', () => {
  test('run through the same scheduler: a closed port is an outage', async () => {
    const cache = await post('components', { name: 'Cache' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await post('monitors', {
      type: 'tcp',
      name: 'Cache port',
      component_id: cache.id,
      host: '127.0.0.1',
      port,
      interval_seconds: 10,
      timeout_ms: 500,
    });
    await post('monitors', {
      type: 'tcp',
      name: 'API port',
      component_id: cache.id,
      host: '127.0.0.1',
      port: Number(new URL(targetUrl).port),
      interval_seconds: 10,
      timeout_ms: 500,
      down_status: 'partial_outage',
    });
    await scheduler.reload();
    await run(40, async () => (await publicStatus(cache.id)) === 'major_outage');
    assert.equal(await publicStatus(cache.id), 'major_outage');
    await run(11);
    const monitors = (await t.request({ method: 'GET', url: '/api/v1/monitors' })).body.data.filter(
      (m: any) => m.component_id === cache.id,
    );
    const byName = Object.fromEntries(monitors.map((m: any) => [m.name, m.state]));
    assert.equal(byName['Cache port'].locations.local.last_reason, 'econnrefused');
    assert.equal(byName['API port'].status, 'up');
  });
});
