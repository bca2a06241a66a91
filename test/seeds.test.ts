import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './support/test-app.js';

// The four real incident posts in shared/seeds, entered through the admin API as they happened
// (the test clock stands at each moment an update was posted) and read back through /api/v2.

async function make(t: TestApp, path: string, json: unknown): Promise<{ id: string }> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string };
}

async function v2(t: TestApp, path: string): Promise<any> {
  const res = await t.request({ method: 'GET', url: `/api/v2/${path}`, role: null });
  assert.equal(res.status, 200);
  return res.body;
}

function impact(incident: any, componentId: string | undefined, segmentId: string | null | undefined): any {
  return incident.component_impacts.find((i: any) => i.component_id === componentId && i.segment_id === segmentId);
}

describe('seed 000: SMSGate API down 7 h in Public Cloud, delayed on Private Server, fine locally', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await createTestApp({ start: '2026-07-01T00:00:00Z' });
    ids.cloud = (await make(t, 'segments', { name: 'Public Cloud Server' })).id;
    ids.private = (await make(t, 'segments', { name: 'Private Server' })).id;
    ids.local = (await make(t, 'segments', { name: 'Local Server' })).id;
    ids.api = (await make(t, 'components', { name: 'API' })).id;
  });
  after(() => t.close());

  test('the outage opens with a different impact per deployment', async () => {
    t.clock.set('2026-07-04T14:50:00Z');
    const incident = await make(t, 'incidents', {
      name: 'API is down',
      status: 'investigating',
      message: 'API went down.',
      components: [
        { component_id: ids.api, segment_id: ids.cloud, status: 'major_outage', effective_at: '2026-07-04T14:55:00Z' },
        {
          component_id: ids.api,
          segment_id: ids.private,
          status: 'degraded_performance',
          effective_at: '2026-07-04T14:55:00Z',
        },
      ],
    });
    ids.incident = incident.id;

    t.clock.set('2026-07-04T15:00:00Z');
    const summary = await v2(t, 'summary.json');
    assert.deepEqual(summary.status, { indicator: 'critical', description: 'Major System Outage' });
    const api = summary.components.find((c: any) => c.id === ids.api);
    assert.equal(api.status, 'major_outage');
    assert.deepEqual(
      api.segments.map((s: any) => [s.name, s.status]),
      [
        ['Public Cloud Server', 'major_outage'],
        ['Private Server', 'degraded_performance'],
        ['Local Server', 'operational'],
      ],
    );
    assert.equal(summary.incidents.length, 1);
    assert.equal(summary.incidents[0].impact, 'critical');
    assert.equal(summary.incidents[0].status, 'investigating');
  });

  test('recovery at 22:05 is recorded at 22:13, then resolution with the postmortem at 23:32', async () => {
    t.clock.set('2026-07-04T22:13:00Z');
    await make(t, `incidents/${ids.incident}/updates`, {
      status: 'monitoring',
      message: 'API recovered.',
      components: [
        { component_id: ids.api, segment_id: ids.cloud, status: 'operational', effective_at: '2026-07-04T22:05:00Z' },
        { component_id: ids.api, segment_id: ids.private, status: 'operational', effective_at: '2026-07-04T22:05:00Z' },
      ],
    });
    t.clock.set('2026-07-04T23:32:00Z');
    await make(t, `incidents/${ids.incident}/updates`, {
      status: 'resolved',
      message:
        'SMSGate API Incident Post-Mortem (July 3–4, 2026). Public Cloud Server — unavailable from 14:55 UTC to 22:05 UTC.',
    });

    t.clock.set('2026-07-05T08:00:00Z');
    const { incidents } = await v2(t, 'incidents.json');
    const incident = incidents.find((i: any) => i.id === ids.incident);
    assert.equal(incident.status, 'resolved');
    assert.equal(incident.started_at, '2026-07-04T14:50:00.000Z');
    assert.equal(incident.monitoring_at, '2026-07-04T22:13:00.000Z');
    assert.equal(incident.resolved_at, '2026-07-04T23:32:00.000Z');
    assert.deepEqual(
      incident.incident_updates.map((u: any) => [u.status, u.display_at]),
      [
        ['resolved', '2026-07-04T23:32:00.000Z'],
        ['monitoring', '2026-07-04T22:13:00.000Z'],
        ['investigating', '2026-07-04T14:50:00.000Z'],
      ],
    );
    // 14:55 → 22:05 UTC is 7 h 10 min, as the post says.
    assert.equal(impact(incident, ids.api, null).duration_seconds, 7 * 3600 + 10 * 60);
    assert.equal(impact(incident, ids.api, ids.cloud).duration_seconds, 25_800);
    assert.equal(impact(incident, ids.api, ids.cloud).status, 'major_outage');
    assert.equal(impact(incident, ids.api, ids.cloud).started_at, '2026-07-04T14:55:00.000Z');
    assert.equal(impact(incident, ids.api, ids.cloud).ended_at, '2026-07-04T22:05:00.000Z');
    assert.equal(impact(incident, ids.api, ids.private).status, 'degraded_performance');
    assert.equal(impact(incident, ids.api, ids.local), undefined, 'Local Server: no impact');

    const status = await v2(t, 'status.json');
    assert.deepEqual(status.status, { indicator: 'none', description: 'All Systems Operational' });
    assert.deepEqual((await v2(t, 'incidents/unresolved.json')).incidents, []);
  });
});

describe('seed 001: SMSFactor, Investigating → Identified → Monitoring → Resolved (CEST)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await createTestApp({ start: '2023-10-01T00:00:00Z' });
    ids.api = (await make(t, 'components', { name: 'API' })).id;
    ids.portal = (await make(t, 'components', { name: 'Customers Portal' })).id;
  });
  after(() => t.close());

  test('the timeline as posted, in CEST (UTC+2)', async () => {
    const post = async (at: string, status: string, message: string, components?: unknown[]) => {
      t.clock.set(at);
      if (!ids.incident) {
        ids.incident = (
          await make(t, 'incidents', { name: 'API and Platform not reachable', status, message, components })
        ).id;
      } else {
        await make(t, `incidents/${ids.incident}/updates`, { status, message, ...(components ? { components } : {}) });
      }
    };
    await post('2023-10-10T08:07:00Z', 'investigating', 'We are currently investigating this issue.', [
      { component_id: ids.api, status: 'major_outage', effective_at: '2023-10-10T08:00:00Z' },
      { component_id: ids.portal, status: 'major_outage', effective_at: '2023-10-10T08:00:00Z' },
    ]);
    await post(
      '2023-10-10T08:41:00Z',
      'identified',
      "We found out that the issue is because of our failover IP that doesn't redirect towards services properly.",
    );
    await post(
      '2023-10-10T09:22:00Z',
      'identified',
      "We're still working with our host provider to implement a fix to the network issue.",
    );
    await post(
      '2023-10-10T09:29:00Z',
      'identified',
      'We switched our Failover IP in the DNS zone so that api.smsfactor.com points directly towards our front server.',
    );
    await post('2023-10-10T11:17:00Z', 'monitoring', 'The situation has been stabilized for an hour now.', [
      { component_id: ids.api, status: 'operational', effective_at: '2023-10-10T11:00:00Z' },
      { component_id: ids.portal, status: 'operational', effective_at: '2023-10-10T11:00:00Z' },
    ]);
    await post('2023-10-10T14:15:00Z', 'monitoring', 'We are continuing to monitor for any further issues.');
    await post('2023-10-10T14:15:00Z', 'resolved', 'This incident has been resolved.');

    const [incident] = (await v2(t, 'incidents.json')).incidents;
    assert.equal(incident.name, 'API and Platform not reachable');
    assert.equal(incident.impact, 'critical');
    assert.equal(incident.started_at, '2023-10-10T08:07:00.000Z');
    assert.equal(incident.monitoring_at, '2023-10-10T11:17:00.000Z');
    assert.equal(incident.resolved_at, '2023-10-10T14:15:00.000Z');
    assert.deepEqual(
      incident.incident_updates.map((u: any) => u.status),
      ['resolved', 'monitoring', 'monitoring', 'identified', 'identified', 'identified', 'investigating'],
    );
    assert.deepEqual(
      incident.incident_updates.at(-1).affected_components.map((a: any) => [a.name, a.old_status, a.new_status]),
      [
        ['API', 'operational', 'major_outage'],
        ['Customers Portal', 'operational', 'major_outage'],
      ],
    );
    assert.equal(incident.incident_updates[0].affected_components, null);
    // "At least an hour and a half": 10h00 → 13h00 CEST.
    assert.equal(impact(incident, ids.api, null).duration_seconds, 3 * 3600);
    assert.equal(impact(incident, ids.portal, null).duration_seconds, 3 * 3600);
  });
});

describe('seed 002: a 25-hour delay for one region (United States), entered after the fact', () => {
  let t: TestApp;
  test('backfilled regional incident with its own span', async () => {
    t = await createTestApp({ start: '2026-06-01T00:00:00Z' });
    const us = await make(t, 'segments', { name: 'United States' });
    const tenDlc = await make(t, 'components', { name: '10DLC Campaign Registration' });
    // Apr 07 5:00 → Apr 08 06:00 PST (UTC−8).
    const incident = await make(t, 'incidents', {
      name: 'Delay in processing 10DLC Campaign Registration requests: United States',
      status: 'identified',
      message: 'We are currently aware of delays in provisioning new campaigns with our campaign registry partner.',
      started_at: '2026-04-07T05:00:00-08:00',
      backfilled: true,
      components: [{ component_id: tenDlc.id, segment_id: us.id, status: 'partial_outage' }],
    });
    // Entered after the fact: today's page never shows the region down, not even between the calls.
    assert.equal((await v2(t, 'summary.json')).status.indicator, 'none');
    await make(t, `incidents/${incident.id}/updates`, {
      status: 'resolved',
      message: 'Provisioning is back to normal.',
      display_at: '2026-04-08T06:00:00-08:00',
    });
    const [read] = (await v2(t, 'incidents.json')).incidents;
    assert.equal(read.backfilled, true);
    assert.equal(read.started_at, '2026-04-07T13:00:00.000Z');
    assert.equal(read.resolved_at, '2026-04-08T14:00:00.000Z');
    assert.equal(read.impact, 'major');
    assert.equal(impact(read, tenDlc.id, us.id).duration_seconds, 25 * 3600);
    assert.equal(impact(read, tenDlc.id, us.id).status, 'partial_outage');
    // The resolution recorded the region back to operational.
    assert.deepEqual(
      read.incident_updates[0].affected_components.map((a: any) => [a.segment_name, a.old_status, a.new_status]),
      [['United States', 'partial_outage', 'operational']],
    );
    assert.equal((await v2(t, 'summary.json')).status.indicator, 'none');
    await t.close();
  });
});

describe('seed 003: email platform, API accepted mail while delivery was delayed (partial outage)', () => {
  let t: TestApp;
  test('three components, three different impacts, durations as in the post', async () => {
    t = await createTestApp({ start: '2018-05-07T16:00:00Z' });
    const web = await make(t, 'components', { name: 'Web application' });
    const sending = await make(t, 'components', { name: 'Email sending' });
    const emailApi = await make(t, 'components', { name: 'Email API' });

    t.clock.set('2018-05-07T16:50:00Z');
    const incident = await make(t, 'incidents', {
      name: 'Platform outage',
      status: 'investigating',
      message:
        'Users cannot reach the UI; sending is impacted. The Email API still accepts messages, delivery is delayed.',
      components: [
        { component_id: web.id, status: 'major_outage', effective_at: '2018-05-07T16:40:00Z' },
        { component_id: sending.id, status: 'major_outage', effective_at: '2018-05-07T16:40:00Z' },
        { component_id: emailApi.id, status: 'partial_outage', effective_at: '2018-05-07T16:40:00Z' },
      ],
    });
    t.clock.set('2018-05-07T17:00:00Z');
    const during = await v2(t, 'summary.json');
    assert.deepEqual(during.status, { indicator: 'major', description: 'Partial System Outage' });

    t.clock.set('2018-05-07T18:24:00Z');
    await make(t, `incidents/${incident.id}/updates`, {
      status: 'identified',
      message: 'Critical services restored; delivery catching up.',
      components: [{ component_id: sending.id, status: 'degraded_performance' }],
    });
    t.clock.set('2018-05-07T19:31:00Z');
    await make(t, `incidents/${incident.id}/updates`, { status: 'resolved', message: 'Full platform recovery.' });

    const [read] = (await v2(t, 'incidents.json')).incidents;
    const full = 2 * 3600 + 51 * 60; // 16:40 → 19:31
    assert.equal(impact(read, web.id, null).duration_seconds, full);
    assert.equal(impact(read, emailApi.id, null).duration_seconds, full);
    assert.equal(impact(read, emailApi.id, null).status, 'partial_outage');
    assert.equal(impact(read, sending.id, null).duration_seconds, full);
    const v1 = await t.request({ method: 'GET', url: `/api/v1/incidents/${incident.id}` });
    const sendingImpact = v1.body.impacts.find((i: any) => i.component_id === sending.id);
    assert.deepEqual(sendingImpact.seconds_in_status, { major_outage: 104 * 60, degraded_performance: 67 * 60 });
    assert.equal(read.impact, 'critical');
    await t.close();
  });
});
