import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { loadWatchCadences } from '../src/app/maintenance/watch-cadences.js';
import { runMaintenanceClock, type ClockDeps, type ClockTick } from '../src/app/maintenance/run-maintenance-clock.js';
import type { CheckScheduler } from '../src/checks/check-scheduler.js';
import { createLocalScheduler } from '../src/checks/local-monitoring.js';
import { checkHttp } from '../src/net/http-check.js';
import { createAlertChannel } from '../src/notify/channels/alert-channel.js';
import { createWebhookChannel } from '../src/notify/channels/webhook-channel.js';
import { createDispatcher, type Dispatcher } from '../src/notify/dispatcher.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

// Monitors as validation targets, the operator alert when validation fails, and the watch after a
// window completes (seed 000: "completed successfully", failing hours later). Real loopback HTTP
// targets, the real local scheduler and runner, the real dispatcher; the clock is injected.

let t: TestApp;
let target: Server;
let base: string;
/** Each path's health, switched by the tests (200 unless told otherwise). */
const failing = new Set<string>();
let scheduler: CheckScheduler;
let clockDeps: ClockDeps;
let hooks: WebhookReceiver;
let dispatcher: Dispatcher;

before(async () => {
  t = await createTestApp({ start: '2026-11-02T08:00:00Z' });
  target = createServer((req, res) =>
    failing.has(req.url ?? '') ? res.writeHead(503).end('database unreachable') : res.writeHead(200).end('ok'),
  );
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  scheduler = createLocalScheduler(t.app, {
    concurrency: 10,
    onError: (error) => {
      throw error;
    },
  });
  clockDeps = {
    checkUrl: (url) => checkHttp(url, { timeoutMs: 2000, now: t.clock.now }),
    recheckMonitors: (ids) => scheduler.checkSoon(ids),
  };
  hooks = await startWebhookReceiver();
  dispatcher = createDispatcher(t.app, {
    channels: {
      webhook: createWebhookChannel({ allowPrivateTargets: true, timeoutMs: 5000 }),
      alert: createAlertChannel({ timeoutMs: 5000 }),
    },
    publicUrl: 'http://status.test',
    owner: 'test',
    random: () => 0,
  });
  // The team's alert webhook (what PHAROS_ALERT_WEBHOOK_URL configures on every page).
  await call('POST', 'subscribers', { type: 'alert', url: `${hooks.url}/operators` });
});
after(async () => {
  await dispatcher.stop();
  await hooks.close();
  target.closeAllConnections();
  target.close();
  await t.close();
});

async function call(method: 'POST' | 'GET', path: string, json?: unknown): Promise<any> {
  const res = await t.request({ method, url: `/api/v1/${path}`, json });
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}
/** Move the clock one second at a time, running whatever checks fall due. Returns the checks run. */
async function run(seconds: number): Promise<number> {
  const before = scheduler.takeStats().checksRun;
  for (let s = 0; s < seconds; s++) {
    t.clock.advance(1);
    scheduler.pump();
    await scheduler.settle();
    await scheduler.flush();
  }
  return scheduler.takeStats().checksRun - before;
}
/** Jump from one due check to the next until `iso`, running each (a faithful, fast simulation). */
async function advanceTo(iso: string): Promise<void> {
  const end = Date.parse(iso);
  for (;;) {
    const next = scheduler.nextDueAt();
    if (next === null || next > end) break;
    t.clock.set(new Date(Math.max(next, t.clock.now().getTime())).toISOString());
    scheduler.pump();
    await scheduler.settle();
    await scheduler.flush();
  }
  t.clock.set(iso);
}
async function tick(): Promise<ClockTick> {
  return runMaintenanceClock(t.app, clockDeps);
}
async function windowOf(id: string): Promise<any> {
  return call('GET', `maintenance-windows/${id}`);
}
async function unresolved(): Promise<any[]> {
  return (await t.request({ method: 'GET', url: '/api/v2/incidents/unresolved.json', role: null })).body.incidents;
}
function operatorAlerts() {
  return hooks.requests.filter((r) => r.path === '/operators').map((r) => JSON.parse(r.body));
}

describe('a window validated by a monitor (seed 000: SMS API behind the private network)', () => {
  let sms: any;
  let monitor: any;
  let windowId: string;

  before(async () => {
    sms = await call('POST', 'components', { name: 'SMS API' });
    monitor = await call('POST', 'monitors', {
      type: 'http',
      name: 'SMS API health',
      component_id: sms.id,
      url: `${base}/sms`,
      interval_seconds: 600,
      timeout_ms: 1000,
    });
    // A subscriber of the page, who must never receive the operators' alert.
    await call('POST', 'subscribers', { type: 'webhook', url: `${hooks.url}/subscriber` });
    await scheduler.reload();
    await advanceTo('2026-11-02T08:30:00Z');
    const m = await call('POST', 'maintenances', {
      name: 'Private network migration',
      message: 'Our provider migrates the private network.',
      component_ids: [sms.id],
      scheduled_for: '2026-11-02T09:00:00Z',
      scheduled_until: '2026-11-02T10:00:00Z',
      validation_monitor_ids: [monitor.id],
      validation_grace_minutes: 15,
    });
    assert.deepEqual(m.validation_monitor_ids, [monitor.id]);
    windowId = m.windows[0].id;
    await advanceTo('2026-11-02T09:00:00Z');
    await tick();
    // The network is broken during the window, and the monitor keeps checking.
    failing.add('/sms');
    await advanceTo('2026-11-02T10:00:00Z');
  });

  test('green checks taken during the window do not count: at its end it waits for a check taken after', async () => {
    // Its checks ran (and failed) during the window; none since: no evidence yet either way.
    const end = await tick();
    assert.deepEqual(
      end.transitions.filter((x) => x.occurrenceId === windowId).map((x) => x.to),
      ['verifying'],
    );
    const first = end.verifications.find((v) => v.occurrenceId === windowId)!;
    assert.equal(first.outcome, 'still_failing');
    assert.equal(first.check.pending, true);
    assert.equal(first.check.reason, 'SMS API health: no check since the window ended');
    assert.equal(first.alerted, undefined, 'waiting for a result is not a failure to alert about');
  });

  test('the clock asks for a prompt re-check; the failing result keeps the window verifying and alerts the team once', async () => {
    // Its interval is 10 minutes, but the end-of-window tick asked for a re-check, due now.
    assert.equal(scheduler.nextDueAt(), t.clock.now().getTime());
    assert.equal(await run(2), 1, 'the validation monitor ran at once');
    const failed = await tick();
    const v = failed.verifications.find((x) => x.occurrenceId === windowId)!;
    assert.equal(v.outcome, 'still_failing');
    assert.equal(v.check.reason, 'SMS API health: status 503 in local');
    assert.equal(v.alerted, true);
    assert.equal((await windowOf(windowId)).status, 'verifying');
    await dispatcher.runOnce();
    // Tick after tick, the alert is not repeated.
    for (let i = 0; i < 3; i++) {
      await run(15);
      const again = await tick();
      assert.equal(again.verifications.find((x) => x.occurrenceId === windowId)!.alerted, undefined);
      await dispatcher.runOnce();
    }
    const alerts = operatorAlerts();
    assert.equal(alerts.length, 1, JSON.stringify(alerts));
    assert.equal(alerts[0].event, 'maintenance.validation_failed');
    assert.equal(alerts[0].title, 'Private network migration');
    assert.equal(alerts[0].status, 'verifying');
    assert.match(alerts[0].body, /SMS API health: status 503 in local/);
    const toSubscriber = hooks.requests.filter((r) => r.path === '/subscriber').map((r) => JSON.parse(r.body));
    assert.ok(
      toSubscriber.some((p) => p.meta.event === 'maintenance.started'),
      'the subscriber hears the news',
    );
    assert.ok(
      toSubscriber.every((p) => p.meta.event !== 'maintenance.validation_failed'),
      'subscribers never hear the operators alert',
    );
    assert.equal((await unresolved()).length, 0, 'no incident within the grace period');
  });

  test('past the grace period one incident opens, naming the monitor that fails', async () => {
    t.clock.set('2026-11-02T10:16:00Z');
    const late = await tick();
    assert.equal(late.verifications.find((x) => x.occurrenceId === windowId)!.outcome, 'incident_opened');
    const [incident] = (await unresolved()).filter((i: any) => i.name.startsWith('Private network migration'));
    assert.ok(incident);
    assert.match(
      incident.incident_updates[0].body,
      /post-maintenance check of SMS API health still fails \(SMS API health: status 503 in local\)/,
    );
    assert.equal((await windowOf(windowId)).validation_incident_id, incident.id);
  });

  test('a passing check taken after the end completes the window', async () => {
    failing.delete('/sms');
    await tick(); // asks for a re-check
    await run(6);
    const ok = await tick();
    assert.equal(ok.verifications.find((x) => x.occurrenceId === windowId)!.outcome, 'completed');
    const done = await windowOf(windowId);
    assert.equal(done.status, 'completed');
    assert.equal(
      done.updates[0].body,
      'Verified end to end: SMS API health passed in local. The scheduled maintenance has been completed.',
    );
    assert.equal(done.watch_until, null, 'no watch without watch_minutes');
  });
});

describe('the watch after completion (seed 000: failing 3 h after the maintenance "completed successfully")', () => {
  let payments: any;
  let monitor: any;
  let withUrl: string;
  let withMonitor: string;
  let short: string;

  before(async () => {
    t.clock.set('2026-11-03T08:00:00Z');
    payments = await call('POST', 'components', { name: 'Payments' });
    const ledger = await call('POST', 'components', { name: 'Ledger' });
    const archive = await call('POST', 'components', { name: 'Archive' });
    monitor = await call('POST', 'monitors', {
      type: 'http',
      name: 'Payments health',
      component_id: payments.id,
      url: `${base}/payments`,
      interval_seconds: 600,
      timeout_ms: 1000,
    });
    await scheduler.reload();
    const window = (name: string, component: string, extra: object) =>
      call('POST', 'maintenances', {
        name,
        message: 'Planned.',
        component_ids: [component],
        scheduled_for: '2026-11-03T09:00:00Z',
        scheduled_until: '2026-11-03T10:00:00Z',
        ...extra,
      });
    withUrl = (
      await window('Ledger database upgrade', ledger.id, { validation_url: `${base}/ledger`, watch_minutes: 720 })
    ).windows[0].id;
    withMonitor = (await window('Payments network change', payments.id, { watch_minutes: 720 })).windows[0].id;
    short = (await window('Archive cleanup', archive.id, { validation_url: `${base}/archive`, watch_minutes: 60 }))
      .windows[0].id;
    t.clock.set('2026-11-03T09:00:00Z');
    await tick();
    t.clock.set('2026-11-03T10:00:00Z');
    await tick();
  });

  test('a completed window shows until when it is watched, and its monitors run every 30 s meanwhile', async () => {
    const done = await windowOf(withMonitor);
    assert.equal(done.status, 'completed');
    assert.equal(done.watch_until, '2026-11-03T22:00:00.000Z');
    assert.equal((await windowOf(withUrl)).watch_until, '2026-11-03T22:00:00.000Z');
    assert.equal((await loadWatchCadences(t.app)).get(monitor.id), 30_000);
    await scheduler.reload();
    await run(5); // the faster pace takes effect at once
    const checks = await run(120);
    assert.ok(checks >= 4 && checks <= 5, `${checks} checks in 2 minutes (interval 10 minutes, watched every 30 s)`);
  });

  test('3 h after completion a failing validation URL opens an incident at once, naming the maintenance', async () => {
    t.clock.set('2026-11-03T13:00:00Z');
    failing.add('/ledger');
    const watched = await tick();
    const w = watched.watches?.find((x) => x.occurrenceId === withUrl);
    assert.equal(w?.outcome, 'incident_opened');
    const incident = (await unresolved()).find((i: any) => i.name.startsWith('Ledger'));
    assert.equal(incident.name, 'Ledger failing 3 h after maintenance "Ledger database upgrade" completed');
    assert.match(incident.incident_updates[0].body, /status 503/);
    assert.equal((await windowOf(withUrl)).watch_incident_id, incident.id);
    // Later ticks open nothing more for this window.
    await tick();
    assert.equal((await unresolved()).filter((i: any) => i.name.startsWith('Ledger')).length, 1);
  });

  test("a monitor that confirms the failure afterwards joins the watch's incident instead of opening its own", async () => {
    const ledger = await windowOf(withUrl);
    const ledgerMonitor = await call('POST', 'monitors', {
      type: 'http',
      name: 'Ledger health',
      component_id: (await call('GET', 'components')).data.find((c: any) => c.name === 'Ledger').id,
      url: `${base}/ledger`,
      interval_seconds: 60,
      timeout_ms: 1000,
    });
    await scheduler.reload();
    await run(70);
    const ledgerIncidents = (await unresolved()).filter((i: any) => i.name.startsWith('Ledger'));
    assert.equal(ledgerIncidents.length, 1, ledgerIncidents.map((i: any) => i.name).join(', '));
    assert.equal(ledgerIncidents[0].id, ledger.watch_incident_id);
    assert.match(
      ledgerIncidents[0].incident_updates[0].body,
      /Ledger is unreachable: Ledger health confirms \(status 503 in local/,
    );
    const state = (await call('GET', `monitors/${ledgerMonitor.id}`)).state;
    assert.equal(state.incident_id, ledger.watch_incident_id);
    await t.request({ method: 'DELETE', url: `/api/v1/monitors/${ledgerMonitor.id}` });
    await scheduler.reload();
  });

  test('a failing monitor on the components: its own incident is adopted and names the maintenance, no second one', async () => {
    failing.add('/payments');
    await run(40); // two failures at the watch pace and the prompt re-check: the monitor confirms
    const own = (await unresolved()).filter((i: any) => i.name.startsWith('Payments'));
    assert.equal(own.length, 1, 'the monitor opened its automatic incident');
    const watched = await tick();
    assert.equal(watched.watches?.find((x) => x.occurrenceId === withMonitor)?.outcome, 'incident_adopted');
    const after = (await unresolved()).filter((i: any) => i.name.startsWith('Payments'));
    assert.equal(after.length, 1, 'still one incident for one failure');
    assert.match(
      after[0].incident_updates[0].body,
      /Payments failing 3 h( \d+ min)? after maintenance "Payments network change" completed/,
    );
    assert.equal((await windowOf(withMonitor)).watch_incident_id, after[0].id);
    failing.delete('/payments');
  });

  test("after the watch ends, a failure is the monitors' business again: the watch opens nothing", async () => {
    // Archive's watch ended at 11:00.
    t.clock.advance(60);
    failing.add('/archive');
    const watched = await tick();
    assert.equal(
      watched.watches?.find((x) => x.occurrenceId === short),
      undefined,
      'past watch_until',
    );
    assert.equal((await unresolved()).filter((i: any) => i.name.startsWith('Archive')).length, 0);
    assert.equal((await windowOf(short)).watch_incident_id, null);
  });
});
