import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let componentId: string;
before(async () => {
  t = await createTestApp();
  componentId = (await t.request({ method: 'POST', url: '/api/v1/components', json: { name: 'API' } })).body.id;
});
after(() => t.close());

test('an http monitor is created with defaults, read, changed and deleted', async () => {
  const created = await t.request({
    method: 'POST',
    url: '/api/v1/monitors',
    json: {
      type: 'http',
      name: 'API health',
      component_id: componentId,
      url: 'http://127.0.0.1:9/health',
      keyword: 'ok',
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const m = created.body;
  assert.equal(m.interval_seconds, 60);
  assert.deepEqual(m.locations, ['local']);
  assert.equal(m.failure_threshold, 2);
  assert.equal(m.down_status, 'major_outage');
  assert.equal(m.auto_incident, 'publish');
  assert.equal(m.state.status, 'unknown');
  assert.equal(m.push_url, undefined);

  const changed = await t.request({
    method: 'PATCH',
    url: `/api/v1/monitors/${m.id}`,
    json: { interval_seconds: 30, paused: true },
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.interval_seconds, 30);
  assert.equal(changed.body.keyword, 'ok');
  assert.equal(changed.body.paused, true);

  const listed = await t.request({ method: 'GET', url: '/api/v1/monitors' });
  assert.deepEqual(
    listed.body.data.map((x: { id: string }) => x.id),
    [m.id],
  );
  assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/monitors/${m.id}` })).status, 204);
  const gone = await t.request({ method: 'GET', url: `/api/v1/monitors/${m.id}` });
  assert.equal(gone.status, 404);
  assert.equal(gone.body.error.code, 'MONITOR_NOT_FOUND');
});

test('monitors are validated strictly, with codes that say what to fix', async () => {
  const cases: [unknown, number, string, string?][] = [
    [{ type: 'http', name: 'x', component_id: componentId }, 400, 'INVALID_MONITOR', 'url'],
    [{ type: 'http', name: 'x', component_id: componentId, url: 'ftp://x' }, 400, 'INVALID_MONITOR', 'url'],
    [{ type: 'tcp', name: 'x', component_id: componentId, host: 'db' }, 400, 'INVALID_MONITOR', 'port'],
    [
      { type: 'http', name: 'x', component_id: componentId, url: 'http://x', interval_seconds: 5 },
      400,
      'VALIDATION_FAILED',
    ],
    [{ type: 'http', name: 'x', component_id: componentId, url: 'http://x', colour: 'red' }, 400, 'VALIDATION_FAILED'],
    [{ type: 'http', name: 'x', component_id: 'nope', url: 'http://x' }, 400, 'MONITOR_COMPONENT_NOT_FOUND'],
    [
      { type: 'http', name: 'x', component_id: componentId, url: 'http://x', locations: ['a', 'b'], quorum: 3 },
      400,
      'INVALID_MONITOR_POLICY',
    ],
    [{ type: 'heartbeat', name: 'x', component_id: componentId }, 400, 'INVALID_MONITOR', 'period_seconds'],
    [
      { type: 'http', name: 'x', component_id: componentId, url: 'http://x', interval_seconds: 10, timeout_ms: 20_000 },
      400,
      'INVALID_MONITOR',
      'timeout_ms',
    ],
  ];
  for (const [json, status, code, field] of cases) {
    const res = await t.request({ method: 'POST', url: '/api/v1/monitors', json });
    assert.equal(res.status, status, JSON.stringify({ json, body: res.body }));
    assert.equal(res.body.error.code, code, JSON.stringify(res.body));
    if (field) assert.equal(res.body.error.details.field, field);
  }
  const viewer = await t.request({
    method: 'POST',
    url: '/api/v1/monitors',
    role: 'viewer',
    json: { type: 'http', name: 'x', component_id: componentId, url: 'http://x' },
  });
  assert.equal(viewer.status, 403);
});

test('a heartbeat monitor shows its push URL once; beats are accepted by GET and POST without a bearer token', async () => {
  const created = await t.request({
    method: 'POST',
    url: '/api/v1/monitors',
    json: {
      type: 'heartbeat',
      name: 'Nightly backup',
      component_id: componentId,
      period_seconds: 60,
      grace_seconds: 30,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const pushUrl: string = created.body.push_url;
  assert.match(pushUrl, /^http:\/\/status\.test\/api\/v1\/heartbeat\/phb_[0-9a-z]{12}_/);
  const path = new URL(pushUrl).pathname;
  const again = await t.request({ method: 'GET', url: `/api/v1/monitors/${created.body.id}` });
  assert.equal(again.body.push_url, undefined);

  for (const method of ['GET', 'POST'] as const) {
    const beat = await t.request({ method, url: path, role: null });
    assert.equal(beat.status, 200, JSON.stringify(beat.body));
    assert.equal(beat.body.monitor_id, created.body.id);
  }
  const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${created.body.id}` })).body.state;
  assert.equal(state.status, 'up');
  assert.equal(state.last_beat_at, '2026-07-04T12:00:00.000Z');

  const forged = await t.request({
    method: 'GET',
    url: path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    role: null,
  });
  assert.equal(forged.status, 401);
  assert.equal(forged.body.error.code, 'INVALID_PUSH_TOKEN');
  const results = await t.request({ method: 'GET', url: `/api/v1/monitors/${created.body.id}/results` });
  assert.equal(results.body.data.length, 2);
  assert.equal(results.body.data[0].ok, true);
});
