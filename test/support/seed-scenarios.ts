import assert from 'node:assert/strict';
import type { TestApp } from './test-app.js';

// The four seed posts as live pages, each frozen at a telling moment, for the browser tests: what a
// reader would have seen on the day. Everything goes through the admin API.

/** A seed's page and the texts a reader must see on it. */
export interface SeedScenario {
  name: string;
  /** Where the test clock starts. */
  start: string;
  /** The reader's browser language. */
  locale: string;
  /** Build the page; returns an incident to open and the texts expected on the front page. */
  build(t: TestApp): Promise<{ incidentId: string; expectFront: string[]; expectIncident: string[] }>;
}

async function make(t: TestApp, path: string, json: unknown): Promise<{ id: string }> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string };
}

async function patchPage(t: TestApp, json: unknown): Promise<void> {
  const res = await t.request({ method: 'PATCH', url: `/api/v1/pages/${t.defaultPage.id}`, json });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** Seed 000: SMSGate, the API down in the public cloud, delayed on private servers, fine locally. */
export const SEED_000: SeedScenario = {
  name: 'seed-000-smsgate',
  locale: 'en-US',
  start: '2026-07-01T00:00:00Z',
  async build(t) {
    await patchPage(t, { name: 'SMSGate', time_zone: 'Europe/Berlin', accent_color: '#0b5fff' });
    const cloud = await make(t, 'segments', { name: 'Public Cloud Server' });
    const priv = await make(t, 'segments', { name: 'Private Server' });
    await make(t, 'segments', { name: 'Local Server' });
    const api = await make(t, 'components', { name: 'API', description: 'Sending and receiving SMS' });
    await make(t, 'components', { name: 'Dashboard' });
    t.clock.set('2026-07-04T14:50:00Z');
    const incident = await make(t, 'incidents', {
      name: 'API is down',
      status: 'investigating',
      message: 'API went down. We are investigating.',
      components: [
        { component_id: api.id, segment_id: cloud.id, status: 'major_outage', effective_at: '2026-07-04T14:55:00Z' },
        {
          component_id: api.id,
          segment_id: priv.id,
          status: 'degraded_performance',
          effective_at: '2026-07-04T14:55:00Z',
        },
      ],
    });
    t.clock.set('2026-07-04T16:30:00Z');
    await make(t, `incidents/${incident.id}/updates`, {
      status: 'identified',
      message: 'The database server lost its network connection after maintenance.',
    });
    t.clock.set('2026-07-04T18:00:00Z');
    await t.refreshPublic();
    return {
      incidentId: incident.id,
      expectFront: [
        'SMSGate',
        'Partial system outage',
        'API is down',
        'Public Cloud Server',
        'Private Server',
        'Local Server',
        'Major outage',
        'Degraded performance',
      ],
      expectIncident: [
        'API is down',
        'Identified',
        'Investigating',
        'lost its network connection',
        'Public Cloud Server',
      ],
    };
  },
};

/** Seed 001: SMSFactor, Investigating → Identified → Monitoring → Resolved, in CEST. */
export const SEED_001: SeedScenario = {
  name: 'seed-001-smsfactor',
  // A French reader of a French page.
  locale: 'fr-FR',
  start: '2023-10-01T00:00:00Z',
  async build(t) {
    await patchPage(t, { name: 'SMSFactor', time_zone: 'Europe/Paris', default_lang: 'fr' });
    const api = await make(t, 'components', { name: 'API' });
    await make(t, 'components', { name: 'Customers Portal' });
    t.clock.set('2023-10-10T08:07:00Z');
    const incident = await make(t, 'incidents', {
      name: 'API and Platform not reachable',
      status: 'investigating',
      message: 'We are currently investigating this issue.',
      components: [{ component_id: api.id, status: 'major_outage' }],
    });
    const post = async (at: string, status: string, message: string, components?: unknown[]) => {
      t.clock.set(at);
      await make(t, `incidents/${incident.id}/updates`, { status, message, ...(components ? { components } : {}) });
    };
    await post('2023-10-10T08:34:00Z', 'identified', 'The issue has been identified and a fix is being implemented.');
    await post('2023-10-10T09:01:00Z', 'monitoring', 'A fix has been implemented and we are monitoring the results.', [
      { component_id: api.id, status: 'operational' },
    ]);
    await post('2023-10-10T10:25:00Z', 'resolved', 'This incident has been resolved.');
    t.clock.set('2023-10-11T09:00:00Z');
    await t.refreshPublic();
    return {
      incidentId: incident.id,
      // The page's default language is French.
      expectFront: [
        'SMSFactor',
        'Tous les systèmes sont opérationnels',
        'API and Platform not reachable',
        'Opérationnel',
      ],
      expectIncident: [
        'Résolu',
        'Sous surveillance',
        'Cause identifiée',
        'Analyse en cours',
        'A fix has been implemented',
      ],
    };
  },
};

/** Seed 002: recurring maintenance (every Saturday 17:00–22:00, first Friday), a backfilled regional delay. */
export const SEED_002: SeedScenario = {
  name: 'seed-002-recurring-maintenance',
  locale: 'en-US',
  start: '2026-06-01T00:00:00Z',
  async build(t) {
    await patchPage(t, { name: 'Textline', time_zone: 'America/Los_Angeles' });
    const us = await make(t, 'segments', { name: 'United States' });
    await make(t, 'segments', { name: 'Canada' });
    const messaging = await make(t, 'components', { name: 'Messaging' });
    const tenDlc = await make(t, 'components', { name: '10DLC Campaign Registration' });
    const incident = await make(t, 'incidents', {
      name: 'Delay in processing 10DLC Campaign Registration requests: United States',
      status: 'identified',
      message: 'We are currently aware of delays in provisioning new campaigns with our campaign registry partner.',
      started_at: '2026-05-20T05:00:00-07:00',
      backfilled: true,
      components: [{ component_id: tenDlc.id, segment_id: us.id, status: 'partial_outage' }],
    });
    await make(t, `incidents/${incident.id}/updates`, {
      status: 'resolved',
      message: 'Provisioning is back to normal.',
      display_at: '2026-05-21T06:00:00-07:00',
    });
    await make(t, 'maintenances', {
      name: 'Routine maintenance',
      message: 'Routine checks every Saturday between 5pm and 10pm. Short interruptions are possible.',
      component_ids: [messaging.id],
      recurrence: {
        rule: 'FREQ=WEEKLY;BYDAY=SA',
        time_zone: 'America/Los_Angeles',
        starts_at_local: '2026-01-03T17:00',
        duration_minutes: 300,
      },
    });
    await make(t, 'maintenances', {
      name: 'System updates',
      message: 'System updates, the first Friday of each month.',
      component_ids: [messaging.id],
      recurrence: {
        rule: 'FREQ=MONTHLY;BYDAY=1FR',
        time_zone: 'America/Los_Angeles',
        starts_at_local: '2026-01-02T20:00',
        duration_minutes: 120,
      },
    });
    await t.refreshPublic();
    return {
      incidentId: incident.id,
      expectFront: [
        'Textline',
        'All systems operational',
        'Scheduled maintenance',
        'Routine maintenance',
        'System updates',
        'Messaging',
      ],
      expectIncident: [
        'Delay in processing 10DLC',
        'This incident was recorded after the fact.',
        'United States',
        'Provisioning is back to normal.',
      ],
    };
  },
};

/** Seed 003: an email platform whose API accepted mail while delivery was delayed. */
export const SEED_003: SeedScenario = {
  name: 'seed-003-email-partial-outage',
  locale: 'en-US',
  start: '2018-05-07T16:00:00Z',
  async build(t) {
    await patchPage(t, {
      name: 'Mailer',
      time_zone: 'America/New_York',
      footer_links: [{ label: 'Support', url: 'https://example.com/support' }],
    });
    const group = await make(t, 'component-groups', { name: 'Email' });
    const web = await make(t, 'components', { name: 'Web application' });
    const sending = await make(t, 'components', { name: 'Email sending', group_id: group.id });
    const emailApi = await make(t, 'components', { name: 'Email API', group_id: group.id });
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
    t.clock.set('2018-05-07T17:30:00Z');
    await t.refreshPublic();
    return {
      incidentId: incident.id,
      expectFront: ['Mailer', 'Platform outage', 'Email', 'Email API', 'Partial outage', 'Major outage', 'Support'],
      expectIncident: ['Platform outage', 'Investigating', 'The Email API still accepts messages', 'Email sending'],
    };
  },
};

/** All four. */
export const SEED_SCENARIOS = [SEED_000, SEED_001, SEED_002, SEED_003];
