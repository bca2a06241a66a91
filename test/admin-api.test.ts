import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function create(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe('authentication and roles', () => {
  test('no token, a malformed token and a revoked token are refused with stable codes', async () => {
    const none = await t.request({ method: 'GET', url: '/api/v1/components', role: null });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'UNAUTHENTICATED');

    const bad = await t.request({
      method: 'GET',
      url: '/api/v1/components',
      role: null,
      headers: { authorization: 'Bearer pht_aaaaaaaaaaaa_wrongwrongwrongwrongwrong' },
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'INVALID_TOKEN');

    const made = await create('tokens', { name: 'short-lived', role: 'viewer' });
    const ok = await t.request({
      method: 'GET',
      url: '/api/v1/me',
      role: null,
      headers: { authorization: `Bearer ${made.token}` },
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { id: made.api_token.id, name: 'short-lived', role: 'viewer' });
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/tokens/${made.api_token.id}` })).status, 200);
    const revoked = await t.request({
      method: 'GET',
      url: '/api/v1/me',
      role: null,
      headers: { authorization: `Bearer ${made.token}` },
    });
    assert.equal(revoked.status, 401);
  });

  test('viewers read but cannot write; editors cannot manage tokens', async () => {
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/components', role: 'viewer' })).status, 200);
    const write = await t.request({ method: 'POST', url: '/api/v1/components', role: 'viewer', json: { name: 'X' } });
    assert.equal(write.status, 403);
    assert.equal(write.body.error.code, 'FORBIDDEN');
    const tokens = await t.request({ method: 'GET', url: '/api/v1/tokens', role: 'editor' });
    assert.equal(tokens.status, 403);
  });

  test('token listings never carry secrets or hashes', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/tokens' });
    assert.equal(res.status, 200);
    const text = JSON.stringify(res.body);
    assert.doesNotMatch(text, /scrypt|secret|pht_/);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  test('unknown fields are rejected, not dropped', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/components', json: { name: 'API', colour: 'red' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(res.body.error.details, [{ field: 'body.colour', problem: 'is not a known field; remove it' }]);
  });

  test('wrong types and enum values name the field and the allowed values', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/components',
      json: { name: 'API', status: 'down', position: '3' },
    });
    assert.equal(res.status, 400);
    const fields = res.body.error.details.map((d: any) => d.field).sort();
    assert.deepEqual(fields, ['body.position', 'body.status']);
    assert.match(
      res.body.error.message,
      /operational, under_maintenance, degraded_performance, partial_outage, major_outage/,
    );
  });

  test('invalid JSON, empty and oversized bodies', async () => {
    const invalidJson = await t.http.inject({
      method: 'POST',
      url: '/api/v1/components',
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(invalidJson.statusCode, 400);
    assert.equal(JSON.parse(invalidJson.body).error.code, 'INVALID_JSON');
    const huge = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: { name: 'x', message: 'y'.repeat(300 * 1024) },
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('references to things that do not exist', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: { name: 'Ghost', message: 'x', components: [{ component_id: 'nosuchthing0', status: 'major_outage' }] },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'COMPONENT_NOT_FOUND');
    assert.equal(res.body.error.details.field, 'components[0].component_id');
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/incidents/nosuchthing0' })).status, 404);
  });

  test('a failed write leaves nothing half-written', async () => {
    const api = await create('components', { name: 'Rollback API' });
    const before = (await t.request({ method: 'GET', url: '/api/v1/incidents?limit=100' })).body.data.length;
    const auditBefore = (await t.request({ method: 'GET', url: '/api/v1/audit?limit=500' })).body.data.length;
    // The second pair is a duplicate: the whole incident must be refused, the first pair unapplied.
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: {
        name: 'Half',
        message: 'x',
        components: [
          { component_id: api.id, status: 'major_outage' },
          { component_id: api.id, status: 'partial_outage' },
        ],
      },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'DUPLICATE_COMPONENT_CHANGE');
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/incidents?limit=100' })).body.data.length, before);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${api.id}` })).body.status, 'operational');
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/audit?limit=500' })).body.data.length, auditBefore);
  });

  test('future display times and malformed timestamps are refused', async () => {
    const future = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: { name: 'F', message: 'x', started_at: '2099-01-01T00:00:00Z' },
    });
    assert.equal(future.status, 400);
    assert.equal(future.body.error.code, 'TIMESTAMP_IN_FUTURE');
    const malformed = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: { name: 'F', message: 'x', started_at: 'yesterday' },
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'VALIDATION_FAILED');
  });
});

describe('components, groups and segments', () => {
  test('CRUD with positions, groups and statuses; the public status is the worst source', async () => {
    const group = await create('component-groups', { name: 'Core' });
    const a = await create('components', { name: 'Alpha', group_id: group.id, description: 'first' });
    const b = await create('components', { name: 'Beta', group_id: group.id, status: 'degraded_performance' });
    assert.equal(a.position, 1);
    assert.equal(b.position, 2);
    assert.equal(b.status, 'degraded_performance');

    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/components/${a.id}`,
      json: { status: 'partial_outage', name: 'Alpha 2' },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.name, 'Alpha 2');
    assert.equal(patched.body.status, 'partial_outage');

    // An incident that is worse holds the component above the operator's own status.
    const incident = await create('incidents', {
      name: 'Alpha down',
      message: 'x',
      components: [{ component_id: a.id, status: 'major_outage' }],
    });
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${a.id}` })).body.status, 'major_outage');
    await t.request({ method: 'PATCH', url: `/api/v1/components/${a.id}`, json: { status: 'operational' } });
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${a.id}` })).body.status, 'major_outage');
    await create(`incidents/${incident.id}/updates`, { status: 'resolved', message: 'fixed' });
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${a.id}` })).body.status, 'operational');

    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/component-groups/${group.id}` })).status, 204);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${b.id}` })).body.group_id, null);
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/components/${b.id}` })).status, 204);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${b.id}` })).status, 404);
  });

  test('a component cannot join a group of another page', async () => {
    const other = await create('pages', { name: 'Other', slug: 'other' });
    const foreign = await create('component-groups', { name: 'Foreign', page_id: other.id });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/components',
      json: { name: 'X', group_id: foreign.id },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'GROUP_ON_OTHER_PAGE');
    const taken = await t.request({ method: 'POST', url: '/api/v1/pages', json: { name: 'Again', slug: 'other' } });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'PAGE_SLUG_TAKEN');
  });
});

describe('incident lifecycle', () => {
  test('forward in any order, reopen allowed and audited, deleted incidents refuse updates', async () => {
    const web = await create('components', { name: 'Web' });
    const incident = await create('incidents', {
      name: 'Web slow',
      message: 'Looking',
      components: [{ component_id: web.id, status: 'degraded_performance' }],
    });
    assert.equal(incident.impact, 'minor');
    const resolved = await create(`incidents/${incident.id}/updates`, { status: 'resolved', message: 'Done' });
    assert.equal(resolved.status, 'resolved');
    assert.ok(resolved.resolved_at);

    t.clock.advance(60);
    const reopened = await create(`incidents/${incident.id}/updates`, {
      status: 'investigating',
      message: 'It is back',
      components: [{ component_id: web.id, status: 'major_outage' }],
    });
    assert.equal(reopened.status, 'investigating');
    assert.equal(reopened.resolved_at, null);
    assert.equal(reopened.impact, 'critical');
    const audit = await t.request({ method: 'GET', url: `/api/v1/audit?target_id=${incident.id}` });
    assert.deepEqual(
      audit.body.data.map((a: any) => a.action),
      ['incident.reopened', 'incident.resolved', 'incident.created'],
    );
    assert.equal(audit.body.data[0].before.status, 'resolved');
    assert.equal(audit.body.data[0].actor.name, 'admin token');

    const overridden = await t.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      json: { impact: 'minor' },
    });
    assert.equal(overridden.body.impact, 'minor');
    assert.equal(overridden.body.impact_override, 'minor');

    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/incidents/${incident.id}` })).status, 204);
    const late = await t.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/updates`,
      json: { status: 'resolved', message: 'x' },
    });
    assert.equal(late.status, 410);
    assert.equal(late.body.error.code, 'INCIDENT_DELETED');
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/components/${web.id}` })).body.status, 'operational');
  });

  test('editing an update back-dates the incident', async () => {
    const incident = await create('incidents', { name: 'Typo', message: 'Investigatign' });
    const updateId = incident.updates[0].id;
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}/updates/${updateId}`,
      json: { message: 'Investigating', display_at: '2026-07-04T11:00:00Z' },
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.updates[0].body, 'Investigating');
    assert.equal(edited.body.started_at, '2026-07-04T11:00:00.000Z');
  });

  test('paging through incidents loses and repeats nothing, even when several share a start time', async () => {
    for (let i = 0; i < 3; i++)
      await create('incidents', { name: `Same start ${i}`, message: 'x', started_at: '2026-07-04T10:00:00Z' });
    const all = (await t.request({ method: 'GET', url: '/api/v1/incidents?limit=100' })).body.data.map(
      (i: any) => i.id,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.request({
        method: 'GET',
        url: `/api/v1/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      assert.equal(res.status, 200);
      seen.push(...res.body.data.map((i: any) => i.id));
      cursor = res.body.next_cursor;
      assert.equal(res.body.has_more, cursor !== null);
    } while (cursor);
    assert.deepEqual(seen, all);
    const bad = await t.request({ method: 'GET', url: '/api/v1/incidents?cursor=nonsense' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'INVALID_CURSOR');
  });

  test('a deleted component cannot be named in an incident', async () => {
    const gone = await create('components', { name: 'Retired' });
    await t.request({ method: 'DELETE', url: `/api/v1/components/${gone.id}` });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: { name: 'x', message: 'x', components: [{ component_id: gone.id, status: 'major_outage' }] },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'COMPONENT_NOT_FOUND');
  });

  test('moving an update so that the incident would change status is refused', async () => {
    t.clock.advance(120);
    const incident = await create('incidents', {
      name: 'Edit guard',
      message: 'Looking',
      started_at: '2026-07-04T11:30:00Z',
    });
    const resolved = await create(`incidents/${incident.id}/updates`, { status: 'resolved', message: 'Fixed' });
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}/updates/${resolved.updates[0].id}`,
      json: { display_at: '2026-07-04T11:00:00Z' },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'UPDATE_EDIT_CHANGES_STATUS');
  });
});

describe('OpenAPI', () => {
  test('is served without auth, is OpenAPI 3.1, and documents every admin route', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/openapi.json', role: null });
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    for (const path of [
      '/api/v1/components',
      '/api/v1/components/{id}',
      '/api/v1/component-groups',
      '/api/v1/segments',
      '/api/v1/incidents',
      '/api/v1/incidents/{id}/updates',
      '/api/v1/audit',
      '/api/v1/tokens',
      '/api/v2/summary.json',
    ]) {
      assert.ok(res.body.paths[path], `missing ${path}`);
    }
    assert.deepEqual(res.body.paths['/api/v1/incidents'].post.security, [{ bearer: [] }]);
  });
});

test('/healthz reports the database as up', async () => {
  const res = await t.request({ method: 'GET', url: '/healthz', role: null });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { ok: true, database: 'up' });
});

test('a back-dated update that ties with the resolution cannot reopen the incident', async () => {
  t.clock.advance(300);
  const incident = (
    await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: { name: 'Backfill tie', message: 'x', started_at: '2026-07-04T09:00:00Z' },
    })
  ).body;
  await t.request({
    method: 'POST',
    url: `/api/v1/incidents/${incident.id}/updates`,
    json: { status: 'resolved', message: 'Fixed', display_at: '2026-07-04T10:00:00Z' },
  });
  const tie = await t.request({
    method: 'POST',
    url: `/api/v1/incidents/${incident.id}/updates`,
    json: { status: 'monitoring', message: 'We are continuing to monitor.', display_at: '2026-07-04T10:00:00Z' },
  });
  assert.equal(tie.status, 409);
  assert.equal(tie.body.error.code, 'BACKDATED_UPDATE_CHANGES_STATUS');
  // Filling in history before the resolution is fine.
  const earlier = await t.request({
    method: 'POST',
    url: `/api/v1/incidents/${incident.id}/updates`,
    json: { status: 'identified', message: 'Found it.', display_at: '2026-07-04T09:30:00Z' },
  });
  assert.equal(earlier.status, 201);
  assert.equal(earlier.body.status, 'resolved');
});
