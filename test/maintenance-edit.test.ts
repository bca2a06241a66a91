import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runMaintenanceClock, type ClockDeps } from '../src/app/maintenance/run-maintenance-clock.js';
import { runMaintenanceCommand } from '../src/cli/maintenance-command.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Editing a maintenance (PATCH /api/v1/maintenances/{id}): what may change when, and how a series'
// windows follow its rule, with the clock injected as in maintenance.test.ts.

let t: TestApp;
const clockDeps: ClockDeps = { checkUrl: () => Promise.reject(new Error('no validation URL in these tests')) };
before(async () => {
  t = await createTestApp({ start: '2026-10-20T08:00:00Z' });
});
after(() => t.close());

async function call(method: 'POST' | 'PATCH' | 'GET', path: string, json?: unknown, expected?: number): Promise<any> {
  const res = await t.request({ method, url: `/api/v1/${path}`, json });
  assert.equal(res.status, expected ?? (method === 'POST' ? 201 : 200), JSON.stringify(res.body));
  return res.body;
}
const edit = (id: string, json: unknown, expected = 200) => call('PATCH', `maintenances/${id}`, json, expected);
async function statusOf(componentId: string): Promise<string> {
  return (await call('GET', `components/${componentId}`)).status;
}
/** The series' windows that have not started, as [id, scheduled_for, scheduled_until]. */
function scheduled(m: any): Array<[string, string, string]> {
  return m.windows
    .filter((w: any) => w.status === 'scheduled')
    .map((w: any) => [w.id, w.scheduled_for, w.scheduled_until]);
}

describe('a weekly series "Saturday 17:00 Paris" edited around the end of summer time (25 October 2026)', () => {
  let series: any;
  before(async () => {
    t.clock.set('2026-10-20T08:00:00Z');
    series = await call('POST', 'maintenances', {
      name: 'Routine maintenance',
      message: 'Routine checks every Saturday.',
      recurrence: {
        rule: 'FREQ=WEEKLY;BYDAY=SA',
        time_zone: 'Europe/Paris',
        starts_at_local: '2026-10-03T17:00',
        duration_minutes: 300,
      },
    });
    assert.deepEqual(
      scheduled(series)
        .slice(0, 2)
        .map((w) => w[1]),
      ['2026-10-24T15:00:00.000Z', '2026-10-31T16:00:00.000Z'],
    );
  });

  test('a new start time re-materialises every window not started, at the new local time on both sides of the change', async () => {
    const before = scheduled(series);
    const edited = await edit(series.id, { recurrence: { starts_at_local: '2026-10-03T18:30' } });
    assert.equal(edited.recurrence.starts_at_local, '2026-10-03T18:30');
    assert.equal(edited.recurrence.rule, 'FREQ=WEEKLY;BYDAY=SA', 'parts left out stay');
    const after = scheduled(edited);
    assert.deepEqual(
      after.slice(0, 3).map((w) => [w[1], w[2]]),
      [
        ['2026-10-24T16:30:00.000Z', '2026-10-24T21:30:00.000Z'], // CEST, UTC+2
        ['2026-10-31T17:30:00.000Z', '2026-10-31T22:30:00.000Z'], // CET, UTC+1
        ['2026-11-07T17:30:00.000Z', '2026-11-07T22:30:00.000Z'],
      ],
    );
    assert.equal(after.length, before.length);
    assert.ok(
      after.every((w) => !before.some((b) => b[0] === w[0])),
      'the old windows are gone, not moved',
    );
    const upcoming = (
      await t.request({ method: 'GET', url: '/api/v2/scheduled-maintenances/upcoming.json', role: null })
    ).body.scheduled_maintenances;
    assert.ok(!upcoming.some((w: any) => before.some((b) => b[0] === w.id)));
    assert.ok(upcoming.some((w: any) => w.id === after[0]![0]));
    const audit = (await call('GET', `audit?target_id=${series.id}`)).data;
    const row = audit.find((r: any) => r.action === 'maintenance.edited');
    assert.ok(row, 'the edit is audited');
    assert.equal(row.before.recurrence.startsAtLocal, '2026-10-03T17:00');
    assert.equal(row.after.windows.removed.length, before.length);
    series = edited;
  });

  test('a new duration keeps each window (same id and public URL) with its new end; a skipped date goes', async () => {
    const before = scheduled(series);
    const longer = await edit(series.id, { recurrence: { duration_minutes: 360 } });
    assert.deepEqual(
      scheduled(longer).map((w) => [w[0], w[2]]),
      before.map((b) => [b[0], new Date(Date.parse(b[1]) + 360 * 60_000).toISOString()]),
    );
    const skipped = await edit(series.id, { recurrence: { exceptions: [{ kind: 'skip', local_date: '2026-10-31' }] } });
    assert.deepEqual(
      scheduled(skipped).map((w) => w[0]),
      before.filter((b) => !b[1].startsWith('2026-10-31')).map((b) => b[0]),
    );
    series = skipped;
  });

  test('a window already in progress stays when the rule changes; only windows not started follow the new rule', async () => {
    t.clock.set('2026-10-24T17:00:00Z');
    await runMaintenanceClock(t.app, { ...clockDeps, materialize: false });
    const running = (await call('GET', `maintenances/${series.id}`)).windows.find(
      (w: any) => w.status === 'in_progress',
    );
    assert.equal(running.scheduled_for, '2026-10-24T16:30:00.000Z');
    // Sundays instead, an hour earlier: today's Saturday window keeps running to its end.
    const edited = await edit(series.id, {
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=SU', starts_at_local: '2026-10-04T17:30' },
    });
    const stillRunning = edited.windows.find((w: any) => w.id === running.id);
    assert.equal(stillRunning.status, 'in_progress');
    assert.equal(stillRunning.scheduled_until, running.scheduled_until);
    const next = scheduled(edited);
    assert.deepEqual(
      next.slice(0, 2).map((w) => w[1]),
      ['2026-10-25T16:30:00.000Z', '2026-11-01T16:30:00.000Z'], // Sunday 17:30 CET
    );
    // The hourly top-up does not bring the old Saturdays back.
    t.clock.set('2026-10-24T19:00:00Z');
    await runMaintenanceClock(t.app, clockDeps);
    const topped = await call('GET', `maintenances/${series.id}`);
    assert.ok(
      scheduled(topped).every((w) => new Date(w[1]).getUTCDay() === 0),
      'only Sundays are scheduled',
    );
    assert.equal(topped.windows.filter((w: any) => w.status === 'in_progress').length, 1);
  });

  test('a series refuses one-off times, and a rule that cannot be read', async () => {
    const oneOffTimes = await edit(series.id, { scheduled_for: '2026-12-01T10:00:00Z' }, 400);
    assert.equal(oneOffTimes.error.code, 'MAINTENANCE_KIND_FIXED');
    assert.equal(oneOffTimes.error.details.field, 'scheduled_for');
    const minutely = await edit(series.id, { recurrence: { rule: 'FREQ=MINUTELY' } }, 400);
    assert.equal(minutely.error.code, 'INVALID_RECURRENCE');
  });
});

describe('a one-off window', () => {
  let db: any;
  let web: any;
  let m: any;
  before(async () => {
    t.clock.set('2026-11-10T08:00:00Z');
    db = await call('POST', 'components', { name: 'Database' });
    web = await call('POST', 'components', { name: 'Web' });
    m = await call('POST', 'maintenances', {
      name: 'Database resync',
      message: 'Only one server at a time.',
      component_ids: [db.id],
      scheduled_for: '2026-11-10T09:00:00Z',
      scheduled_until: '2026-11-10T10:00:00Z',
    });
  });

  test('moves while it is scheduled, keeping its id; its announcement follows a new message', async () => {
    const moved = await edit(m.id, {
      scheduled_for: '2026-11-10T10:00:00+01:00',
      scheduled_until: '2026-11-10T12:00:00Z',
      message: 'Only one server at a time; expect slow queries.',
      watch_minutes: 720,
      validation_grace_minutes: 5,
    });
    assert.equal(moved.windows[0].id, m.windows[0].id);
    assert.equal(moved.windows[0].scheduled_for, '2026-11-10T09:00:00.000Z');
    assert.equal(moved.windows[0].scheduled_until, '2026-11-10T12:00:00.000Z');
    assert.equal(moved.windows[0].updates[0].body, 'Only one server at a time; expect slow queries.');
    assert.equal(moved.watch_minutes, 720);
    assert.equal(moved.validation_grace_minutes, 5);
    assert.equal(moved.scheduled_until, '2026-11-10T12:00:00.000Z');
  });

  test('edits that make no sense are refused with a code', async () => {
    assert.equal((await edit(m.id, { recurrence: { rule: 'FREQ=DAILY' } }, 400)).error.code, 'MAINTENANCE_KIND_FIXED');
    assert.equal(
      (await edit(m.id, { scheduled_until: '2026-11-10T08:30:00Z' }, 400)).error.code,
      'MAINTENANCE_WINDOW_INVERTED',
    );
    assert.equal(
      (await edit(m.id, { scheduled_for: '2026-11-10T06:00:00Z', scheduled_until: '2026-11-10T07:00:00Z' }, 400)).error
        .code,
      'MAINTENANCE_WINDOW_IN_PAST',
    );
    assert.equal(
      (await edit(m.id, { validation_monitor_ids: ['nosuchmonitor'] }, 400)).error.code,
      'VALIDATION_MONITOR_NOT_FOUND',
    );
    assert.equal((await edit(m.id, { watch_minutes: 20_000 }, 400)).error.code, 'VALIDATION_FAILED');
    assert.equal((await edit(m.id, {}, 400)).error.code, 'VALIDATION_FAILED');
    assert.equal((await edit('nosuchmaintenance', { name: 'x' }, 404)).error.code, 'MAINTENANCE_NOT_FOUND');
    const viewer = await t.request({
      method: 'PATCH',
      url: `/api/v1/maintenances/${m.id}`,
      json: { name: 'x' },
      role: 'viewer',
    });
    assert.equal(viewer.status, 403);
  });

  test('once started its times are fixed, while its components can still change, at once', async () => {
    t.clock.set('2026-11-10T09:00:00Z');
    await runMaintenanceClock(t.app, clockDeps);
    assert.equal(await statusOf(db.id), 'under_maintenance');
    const refused = await edit(m.id, { scheduled_until: '2026-11-10T13:00:00Z' }, 409);
    assert.equal(refused.error.code, 'MAINTENANCE_WINDOW_STARTED');
    assert.deepEqual(refused.error.details, { status: 'in_progress' });
    const retargeted = await edit(m.id, { component_ids: [web.id], name: 'Web tier resync' });
    assert.deepEqual(retargeted.components, [{ component_id: web.id, segment_id: null }]);
    assert.equal(await statusOf(web.id), 'under_maintenance');
    assert.equal(await statusOf(db.id), 'operational');
    // Sending the times it already has is no change, so it is accepted.
    await edit(m.id, { scheduled_for: '2026-11-10T09:00:00Z' });
  });

  test('the CLI edits too, changing only what it is given', async () => {
    let out = '';
    const code = await runMaintenanceCommand(
      t.app,
      { type: 'cli', id: null, name: 'cli:test', role: 'admin' },
      ['edit', m.id, '--name', 'Web tier resync (extended)', '--watch-minutes', '60'],
      (text) => (out += text),
    );
    assert.equal(code, 0, out);
    const after = await call('GET', `maintenances/${m.id}`);
    assert.equal(after.name, 'Web tier resync (extended)');
    assert.equal(after.watch_minutes, 60);
    assert.equal(after.message, 'Only one server at a time; expect slow queries.');
    assert.match(out, new RegExp(`^${m.id}\\t`));
  });
});
