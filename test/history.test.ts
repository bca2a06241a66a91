import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordCheckResults } from '../src/app/monitors/record-check-results.js';
import { newRollupCursor, rollUpResults } from '../src/app/monitors/roll-up-results.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let monitorId: string;
const retention = { rawDays: 7, minuteDays: 3, hourDays: 90, dayDays: 365 };
const cursor = newRollupCursor();

before(async () => {
  t = await createTestApp({ start: '2026-07-04T12:00:00Z' });
  const component = (await t.request({ method: 'POST', url: '/api/v1/components', json: { name: 'API' } })).body;
  monitorId = (
    await t.request({
      method: 'POST',
      url: '/api/v1/monitors',
      json: { type: 'http', name: 'API', component_id: component.id, url: 'http://127.0.0.1:9/', interval_seconds: 10 },
    })
  ).body.id;
});
after(() => t.close());

/** Results every 10 s from 12:00 for `count` checks; every 10th fails; latency 10..100 ms. */
async function feed(count: number): Promise<void> {
  const batch = Array.from({ length: count }, (_, i) => ({
    id: `r${String(i).padStart(6, '0')}`,
    monitorId,
    location: 'local',
    result: {
      ok: i % 10 !== 9,
      ms: 10 + (i % 10) * 10,
      reason: i % 10 === 9 ? 'timeout' : 'ok',
      at: new Date(Date.parse('2026-07-04T12:00:00Z') + i * 10_000).toISOString(),
    },
  }));
  await recordCheckResults(t.app, batch);
}

test('results roll up into minutes, then completed hours and days, served by the API', async () => {
  await feed(12 * 6); // 12 minutes of checks
  t.clock.set('2026-07-04T12:12:30Z');
  const run = await rollUpResults(t.app, retention, cursor, 15);
  assert.equal(run.minutes, 12);
  assert.equal(run.hours, 0, 'the hour is not over');

  const minutes = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitorId}/rollups?resolution=minute` }))
    .body;
  assert.equal(minutes.data.length, 12);
  const first = minutes.data[0];
  assert.equal(first.bucket_start, '2026-07-04T12:00:00.000Z');
  assert.equal(first.count, 6);
  assert.deepEqual([first.p50_ms, first.p99_ms], [30, 60]);

  t.clock.set('2026-07-04T13:16:00Z'); // the hour and its late-result window are over
  assert.equal((await rollUpResults(t.app, retention, cursor, 15)).hours, 1);
  assert.equal((await rollUpResults(t.app, retention, cursor, 15)).hours, 0, 'each hour is rolled once');
  const hours = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitorId}/rollups?resolution=hour` })).body
    .data;
  assert.equal(hours.length, 1);
  assert.equal(hours[0].count, 72);
  assert.equal(hours[0].failures, 7);
  assert.ok(Math.abs(hours[0].uptime - 65 / 72) < 1e-9);
  assert.ok(hours[0].p50_ms >= 40 && hours[0].p50_ms <= 60, `p50 ${hours[0].p50_ms}`);
  assert.ok(hours[0].p99_ms >= 80 && hours[0].p99_ms <= 100, `p99 ${hours[0].p99_ms}`);

  t.clock.set('2026-07-05T00:20:00Z');
  assert.equal((await rollUpResults(t.app, retention, cursor, 15)).days, 1);
  const days = (
    await t.request({
      method: 'GET',
      url: `/api/v1/monitors/${monitorId}/rollups?resolution=day&to=2026-07-05T01:00:00Z`,
    })
  ).body.data;
  assert.equal(days[0].count, 72);
});

test('running again changes nothing, and history past its retention is deleted', async () => {
  await rollUpResults(t.app, retention, newRollupCursor(), 15); // a restarted process re-rolls: same rows
  const hours = (
    await t.request({
      method: 'GET',
      url: `/api/v1/monitors/${monitorId}/rollups?resolution=hour&from=2026-07-04T00:00:00Z`,
    })
  ).body.data;
  assert.equal(hours[0].count, 72);

  t.clock.set('2026-07-12T12:30:00Z'); // 8 days later: raw results (7 days) and minutes (3 days) go
  const run = await rollUpResults(t.app, retention, cursor);
  assert.ok(run.pruned >= 72 + 12, `pruned ${run.pruned}`);
  const raw = (
    await t.request({ method: 'GET', url: `/api/v1/monitors/${monitorId}/results?from=2026-07-01T00:00:00Z` })
  ).body.data;
  assert.equal(raw.length, 0);
  const kept = (
    await t.request({
      method: 'GET',
      url: `/api/v1/monitors/${monitorId}/rollups?resolution=hour&from=2026-07-01T00:00:00Z`,
    })
  ).body.data;
  assert.equal(kept[0].count, 72, 'hours are kept for 90 days');
});
