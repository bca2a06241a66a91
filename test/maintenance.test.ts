import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../src/app/context.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runMaintenanceClock, type ClockDeps } from '../src/app/maintenance/run-maintenance-clock.js';
import { checkHttp } from '../src/net/http-check.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
// The post-maintenance validation target: a real HTTP server on loopback the tests switch.
let healthy = true;
let target: Server;
let targetUrl: string;
let clockDeps: ClockDeps;
before(async () => {
  t = await createTestApp({ start: '2026-10-20T08:00:00Z' });
  target = createServer((_req, res) => res.writeHead(healthy ? 200 : 503).end(healthy ? 'ok' : 'database unreachable'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
  clockDeps = { checkUrl: (url) => checkHttp(url, { timeoutMs: 2000, now: t.clock.now }) };
});
after(async () => {
  target.close();
  await t.close();
});

async function post(path: string, json: unknown, expected = 201): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, expected, JSON.stringify(res.body));
  return res.body;
}
async function v2(path: string): Promise<any> {
  return (await t.request({ method: 'GET', url: `/api/v2/${path}`, role: null })).body;
}
async function statusOf(componentId: string): Promise<string> {
  return (await t.request({ method: 'GET', url: `/api/v1/components/${componentId}` })).body.status;
}

describe('a one-off window', () => {
  let api: any;
  let window: any;
  before(async () => {
    t.clock.set('2026-10-20T08:00:00Z');
    api = await post('components', { name: 'Database' });
    const maintenance = await post('maintenances', {
      name: 'Database Server Complete Resync',
      message: 'Only one server can be rebuilt at a time.',
      component_ids: [api.id],
      scheduled_for: '2026-10-20T09:00:00Z',
      scheduled_until: '2026-10-20T11:00:00Z',
    });
    window = maintenance.windows[0];
    assert.equal(window.status, 'scheduled');
  });

  test('is listed as upcoming before it starts', async () => {
    const upcoming = await v2('scheduled-maintenances/upcoming.json');
    const listed = upcoming.scheduled_maintenances.find((m: any) => m.id === window.id);
    assert.equal(listed.status, 'scheduled');
    assert.equal(listed.scheduled_for, '2026-10-20T09:00:00.000Z');
    assert.equal(listed.scheduled_until, '2026-10-20T11:00:00.000Z');
    assert.equal(listed.impact, 'maintenance');
    assert.equal(listed.incident_updates[0].body, 'Only one server can be rebuilt at a time.');
    assert.ok((await v2('summary.json')).scheduled_maintenances.some((m: any) => m.id === window.id));
    assert.equal(await statusOf(api.id), 'operational');
  });

  // The "other nodes" below tell this page's snapshot of their writes, as the change counters would.
  test('starts exactly once even when two nodes tick at the same moment', async () => {
    t.clock.set('2026-10-20T09:00:00Z');
    const otherNode = createAppContext(t.app.db, t.app.dialect, {
      now: t.clock.now,
      onPageChanged: (id) => t.snapshots.pageChanged(id),
    });
    const [a, b] = await Promise.all([
      runMaintenanceClock(t.app, clockDeps),
      runMaintenanceClock(otherNode, clockDeps),
    ]);
    const started = [...a.transitions, ...b.transitions].filter((x) => x.occurrenceId === window.id);
    assert.deepEqual(started, [{ occurrenceId: window.id, to: 'in_progress' }]);
    // A restarted node ticking again changes nothing.
    assert.deepEqual(
      (
        await runMaintenanceClock(
          createAppContext(t.app.db, t.app.dialect, {
            now: t.clock.now,
            onPageChanged: (id) => t.snapshots.pageChanged(id),
          }),
          clockDeps,
        )
      ).transitions,
      [],
    );
    const audit = await t.request({ method: 'GET', url: `/api/v1/audit?target_id=${window.id}` });
    assert.deepEqual(
      audit.body.data.map((r: any) => r.action),
      ['maintenance.in_progress'],
    );

    assert.equal(await statusOf(api.id), 'under_maintenance');
    const status = await v2('status.json');
    assert.deepEqual(status.status, { indicator: 'maintenance', description: 'Service Under Maintenance' });
    const active = await v2('scheduled-maintenances/active.json');
    assert.equal(active.scheduled_maintenances[0].id, window.id);
    assert.equal(active.scheduled_maintenances[0].status, 'in_progress');
    assert.equal(active.scheduled_maintenances[0].incident_updates[0].status, 'in_progress');
  });

  test('a worse incident during the window still shows, and maintenance resumes after it', async () => {
    const incident = await post('incidents', {
      name: 'Resync failing',
      message: 'Integrity check failed',
      components: [{ component_id: api.id, status: 'major_outage' }],
    });
    assert.equal(await statusOf(api.id), 'major_outage');
    await post(`incidents/${incident.id}/updates`, { status: 'resolved', message: 'Integrity restored' });
    assert.equal(await statusOf(api.id), 'under_maintenance');
  });

  test('completes at the end and releases the component', async () => {
    t.clock.set('2026-10-20T11:00:00Z');
    const tick = await runMaintenanceClock(t.app, clockDeps);
    assert.deepEqual(tick.transitions, [{ occurrenceId: window.id, to: 'completed' }]);
    assert.equal(await statusOf(api.id), 'operational');
    assert.deepEqual((await v2('scheduled-maintenances/active.json')).scheduled_maintenances, []);
    const all = await v2('scheduled-maintenances.json');
    const done = all.scheduled_maintenances.find((m: any) => m.id === window.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.resolved_at, '2026-10-20T11:00:00.000Z');
    assert.deepEqual(
      done.incident_updates.map((u: any) => u.status),
      ['completed', 'in_progress', 'scheduled'],
    );
  });
});

test('a window missed entirely while Pharos was down still starts, then ends, in order', async () => {
  t.clock.set('2026-10-21T08:00:00Z');
  const web = await post('components', { name: 'Web' });
  const m = await post('maintenances', {
    name: 'Kernel upgrade',
    message: 'Rolling reboots.',
    component_ids: [web.id],
    scheduled_for: '2026-10-21T09:00:00Z',
    scheduled_until: '2026-10-21T10:00:00Z',
  });
  t.clock.set('2026-10-21T12:00:00Z');
  const tick = await runMaintenanceClock(t.app, clockDeps);
  assert.deepEqual(
    tick.transitions.filter((x) => x.occurrenceId === m.windows[0].id).map((x) => x.to),
    ['in_progress', 'completed'],
  );
  assert.equal(await statusOf(web.id), 'operational');
});

test('a recurring window "every Saturday 17:00–22:00" Paris time keeps its wall-clock time across the DST change', async () => {
  t.clock.set('2026-10-20T08:00:00Z');
  const m = await post('maintenances', {
    name: 'Routine maintenance',
    message: 'Routine checks every Saturday between 5pm and 10pm.',
    recurrence: {
      rule: 'FREQ=WEEKLY;BYDAY=SA',
      time_zone: 'Europe/Paris',
      starts_at_local: '2026-10-03T17:00',
      duration_minutes: 300,
    },
  });
  assert.equal(m.kind, 'recurring');
  const upcoming = (await v2('scheduled-maintenances/upcoming.json')).scheduled_maintenances.filter(
    (w: any) => w.recurrence?.maintenance_id === m.id,
  );
  assert.deepEqual(
    upcoming.slice(0, 3).map((w: any) => [w.scheduled_for, w.scheduled_until]),
    [
      ['2026-10-24T15:00:00.000Z', '2026-10-24T20:00:00.000Z'], // CEST, UTC+2
      ['2026-10-31T16:00:00.000Z', '2026-10-31T21:00:00.000Z'], // CET, UTC+1
      ['2026-11-07T16:00:00.000Z', '2026-11-07T21:00:00.000Z'],
    ],
  );
  // Ticking again writes no duplicate windows.
  const before = upcoming.length;
  await runMaintenanceClock(t.app, clockDeps);
  const again = (await v2('scheduled-maintenances/upcoming.json')).scheduled_maintenances.filter(
    (w: any) => w.recurrence?.maintenance_id === m.id,
  );
  assert.equal(again.length, before);

  const monthly = await post('maintenances', {
    name: 'System updates',
    message: 'First Friday of each month.',
    recurrence: {
      rule: 'FREQ=MONTHLY;BYDAY=1FR',
      time_zone: 'Europe/Paris',
      starts_at_local: '2026-11-06T22:00',
      duration_minutes: 120,
    },
  });
  assert.equal(monthly.windows[0].scheduled_for, '2026-11-06T21:00:00.000Z');
});

test('a window entered after it ended is history: completed, components untouched', async () => {
  t.clock.set('2026-10-22T08:00:00Z');
  const db = await post('components', { name: 'Database replica' });
  const m = await post('maintenances', {
    name: 'Database Server Complete Resync',
    message: 'Complete resync of a database server.',
    component_ids: [db.id],
    scheduled_for: '2026-07-15T05:00:00-07:00',
    scheduled_until: '2026-07-16T10:00:00-07:00',
  });
  assert.equal(m.windows[0].status, 'completed');
  assert.equal(await statusOf(db.id), 'operational');
  const listed = (await v2('scheduled-maintenances.json')).scheduled_maintenances.find(
    (w: any) => w.id === m.windows[0].id,
  );
  assert.equal(listed.status, 'completed');
});

test('operators can cancel a window; impossible moves and bad windows get clear errors', async () => {
  t.clock.set('2026-10-23T08:00:00Z');
  const m = await post('maintenances', {
    name: 'Maybe',
    message: 'x',
    scheduled_for: '2026-10-25T09:00:00Z',
    scheduled_until: '2026-10-25T10:00:00Z',
  });
  const id = m.windows[0].id;
  const cancelled = await post(`maintenance-windows/${id}/updates`, {
    status: 'cancelled',
    message: 'Not needed after all.',
  });
  assert.equal(cancelled.status, 'cancelled');
  const again = await post(`maintenance-windows/${id}/updates`, { status: 'in_progress', message: 'x' }, 409);
  assert.equal(again.error.code, 'INVALID_MAINTENANCE_TRANSITION');
  assert.ok(!(await v2('scheduled-maintenances/upcoming.json')).scheduled_maintenances.some((w: any) => w.id === id));

  const both = await post(
    'maintenances',
    {
      name: 'x',
      message: 'x',
      scheduled_for: '2026-10-25T09:00:00Z',
      scheduled_until: '2026-10-25T10:00:00Z',
      recurrence: { rule: 'FREQ=DAILY', time_zone: 'UTC', starts_at_local: '2026-10-25T09:00', duration_minutes: 60 },
    },
    400,
  );
  assert.equal(both.error.code, 'MAINTENANCE_WINDOW_AMBIGUOUS');
  const inverted = await post(
    'maintenances',
    { name: 'x', message: 'x', scheduled_for: '2026-10-25T10:00:00Z', scheduled_until: '2026-10-25T09:00:00Z' },
    400,
  );
  assert.equal(inverted.error.code, 'MAINTENANCE_WINDOW_INVERTED');
  const minutely = await post(
    'maintenances',
    {
      name: 'x',
      message: 'x',
      recurrence: { rule: 'FREQ=MINUTELY', time_zone: 'UTC', starts_at_local: '2026-10-25T09:00', duration_minutes: 1 },
    },
    400,
  );
  assert.equal(minutely.error.code, 'INVALID_RECURRENCE');
  const zone = await post(
    'maintenances',
    {
      name: 'x',
      message: 'x',
      recurrence: {
        rule: 'FREQ=DAILY',
        time_zone: 'Mars/Olympus',
        starts_at_local: '2026-10-25T09:00',
        duration_minutes: 60,
      },
    },
    400,
  );
  assert.equal(zone.error.code, 'INVALID_TIME_ZONE');
});

describe('validation after maintenance (seed 000: "completed successfully", failed hours later)', () => {
  test('a window whose check fails stays verifying, opens one incident after the grace period, completes when the check passes', async () => {
    t.clock.set('2026-10-26T08:00:00Z');
    const db = await post('components', { name: 'SMS API' });
    const m = await post('maintenances', {
      name: 'Private network migration',
      message: 'Our provider migrates the private network.',
      component_ids: [db.id],
      scheduled_for: '2026-10-26T09:00:00Z',
      scheduled_until: '2026-10-26T10:00:00Z',
      validation_url: targetUrl,
      validation_grace_minutes: 15,
    });
    const id = m.windows[0].id;
    t.clock.set('2026-10-26T09:00:00Z');
    await runMaintenanceClock(t.app, clockDeps);

    healthy = false;
    t.clock.set('2026-10-26T10:00:00Z');
    const end = await runMaintenanceClock(t.app, clockDeps);
    assert.deepEqual(
      end.transitions.filter((x) => x.occurrenceId === id).map((x) => x.to),
      ['verifying'],
    );
    assert.deepEqual(
      end.verifications.filter((v) => v.occurrenceId === id).map((v) => [v.outcome, v.check.reason]),
      [['still_failing', 'status 503']],
    );
    assert.equal(await statusOf(db.id), 'under_maintenance');
    const active = await v2('scheduled-maintenances/active.json');
    assert.equal(active.scheduled_maintenances.find((w: any) => w.id === id).status, 'verifying');

    // Past the grace period, two nodes verify at once: exactly one incident opens.
    t.clock.set('2026-10-26T10:16:00Z');
    const otherNode = createAppContext(t.app.db, t.app.dialect, {
      now: t.clock.now,
      onPageChanged: (id) => t.snapshots.pageChanged(id),
    });
    const ticks = await Promise.all([runMaintenanceClock(t.app, clockDeps), runMaintenanceClock(otherNode, clockDeps)]);
    const outcomes = ticks.flatMap((x) => x.verifications.filter((v) => v.occurrenceId === id).map((v) => v.outcome));
    assert.equal(outcomes.filter((o) => o === 'incident_opened').length, 1, outcomes.join(','));
    const open = (await v2('incidents/unresolved.json')).incidents.filter((i: any) =>
      i.name.startsWith('Private network migration'),
    );
    assert.equal(open.length, 1);
    assert.match(open[0].incident_updates[0].body, /still fails \(status 503\)/);
    assert.equal(await statusOf(db.id), 'major_outage');
    const window = (await t.request({ method: 'GET', url: `/api/v1/maintenance-windows/${id}` })).body;
    assert.equal(window.status, 'verifying');
    assert.equal(window.validation_incident_id, open[0].id);
    assert.equal(window.last_check.reason, 'status 503');

    healthy = true;
    t.clock.set('2026-10-26T10:20:00Z');
    const ok = await runMaintenanceClock(t.app, clockDeps);
    assert.deepEqual(
      ok.verifications.filter((v) => v.occurrenceId === id).map((v) => v.outcome),
      ['completed'],
    );
    const done = (await t.request({ method: 'GET', url: `/api/v1/maintenance-windows/${id}` })).body;
    assert.equal(done.status, 'completed');
    assert.match(done.updates[0].body, /Verified end to end/);
    // The incident stays for people to resolve; the maintenance no longer holds the component.
    assert.equal(await statusOf(db.id), 'major_outage');
    await post(`incidents/${open[0].id}/updates`, { status: 'resolved', message: 'Static addressing restored.' });
    assert.equal(await statusOf(db.id), 'operational');
  });
});

test('the page publishes its maintenance as an iCalendar feed that calendar apps can read', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/maintenance.ics' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/calendar/);
  const ICAL = (await import('ical.js')).default;
  const calendar = new ICAL.Component(ICAL.parse(res.body));
  const events = calendar.getAllSubcomponents('vevent');
  const routine = events.find((e) => e.getFirstPropertyValue('summary') === 'Routine maintenance');
  assert.ok(routine, 'the weekly series is one event');
  assert.equal(String(routine.getFirstPropertyValue('rrule')), 'FREQ=WEEKLY;BYDAY=SA');
  assert.equal(routine.getFirstProperty('dtstart')!.getParameter('tzid'), 'Europe/Paris');
  assert.ok(calendar.getAllSubcomponents('vtimezone').some((z) => z.getFirstPropertyValue('tzid') === 'Europe/Paris'));
  assert.ok(events.some((e) => e.getFirstPropertyValue('summary') === 'Database Server Complete Resync'));
  const cancelled = events.find((e) => e.getFirstPropertyValue('summary') === 'Maybe');
  assert.equal(cancelled?.getFirstPropertyValue('status'), 'CANCELLED');
  assert.equal((await t.http.inject({ method: 'GET', url: '/p/nope/maintenance.ics' })).statusCode, 404);
});
