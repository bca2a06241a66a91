import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentDetail } from '../../app/incidents/load-incident-detail.js';
import type { PageView } from '../../app/public/load-page-view.js';
import type { ComponentStatus } from '../../core/component-status.js';
import { computeImpactTimeline } from '../../core/impact-timeline.js';
import type { ComponentGroup, ComponentWithStatus, IncidentUpdate, Page, Segment } from '../../core/model.js';
import {
  pageUrlFor,
  presentActiveMaintenances,
  presentComponents,
  presentIncidents,
  presentScheduledMaintenances,
  presentStatus,
  presentSummary,
  presentUnresolved,
  presentUpcomingMaintenances,
} from './v2-presenters.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';
const PAGE_URL = 'https://status.example.com';
const opts = { pageUrl: PAGE_URL };

const page: Page = {
  id: 'pg1',
  slug: 'main',
  name: 'Example',
  timeZone: 'Europe/Paris',
  url: null,
  defaultLang: 'en',
  branding: { logoUrl: null, accentColor: null, footerLinks: [], customDomain: null },
  createdAt: T0,
  updatedAt: T1,
};

function component(id: string, over: Partial<ComponentWithStatus> = {}): ComponentWithStatus {
  return {
    id,
    pageId: 'pg1',
    groupId: null,
    name: `Component ${id}`,
    description: null,
    position: 1,
    showcase: true,
    onlyShowIfDegraded: false,
    startDate: null,
    createdAt: T0,
    updatedAt: T0,
    status: 'operational',
    segmentStatuses: {},
    ...over,
  };
}

function group(id: string, over: Partial<ComponentGroup> = {}): ComponentGroup {
  return {
    id,
    pageId: 'pg1',
    name: `Group ${id}`,
    description: null,
    position: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

function segment(id: string, name: string, position: number): Segment {
  return { id, pageId: 'pg1', name, description: null, position, createdAt: T0, updatedAt: T0 };
}

function update(id: string, over: Partial<IncidentUpdate> = {}): IncidentUpdate {
  return {
    id,
    incidentId: 'inc1',
    status: 'investigating',
    body: `Body ${id}`,
    displayAt: T0,
    sequence: 1,
    deliverNotifications: true,
    createdAt: T0,
    updatedAt: T0,
    affectedComponents: [],
    ...over,
  };
}

function incident(id: string, over: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id,
    pageId: 'pg1',
    name: `Incident ${id}`,
    status: 'investigating',
    impact: 'none',
    impactOverride: null,
    backfilled: false,
    startedAt: T0,
    monitoringAt: null,
    resolvedAt: null,
    createdAt: T0,
    updatedAt: T0,
    updates: [],
    impacts: [],
    componentNames: {},
    segmentNames: {},
    currentComponents: [],
    ...over,
  };
}

function view(over: Partial<PageView> = {}): PageView {
  return {
    page,
    groups: [],
    segments: [],
    components: [],
    status: { indicator: 'none', description: 'All Systems Operational' },
    unresolvedIncidents: [],
    recentIncidents: [],
    openMaintenances: [],
    recentMaintenances: [],
    generatedAt: T1,
    ...over,
  };
}

// Canonical Statuspage example keys (hosted-anchors §2.6/§2.7), plus started_at and components seen live.
const CANONICAL_INCIDENT_KEYS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'monitoring_at',
  'resolved_at',
  'impact',
  'shortlink',
  'started_at',
  'page_id',
  'incident_updates',
  'components',
];
const CANONICAL_UPDATE_KEYS = [
  'id',
  'status',
  'body',
  'incident_id',
  'created_at',
  'updated_at',
  'display_at',
  'affected_components',
  'deliver_notifications',
];
const COMPONENT_KEYS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'start_date',
  'group_id',
  'page_id',
  'group',
  'only_show_if_degraded',
];

describe('page and status', () => {
  test('page object and roll-up passthrough', () => {
    const v = view({ status: { indicator: 'major', description: 'Partial System Outage' } });
    assert.deepEqual(presentStatus(v, opts), {
      page: { id: 'pg1', name: 'Example', url: PAGE_URL, time_zone: 'Europe/Paris', updated_at: T1 },
      status: { indicator: 'major', description: 'Partial System Outage' },
    });
  });

  test('envelopes carry exactly the expected keys', () => {
    const v = view();
    assert.deepEqual(Object.keys(presentSummary(v, opts)), [
      'page',
      'status',
      'components',
      'incidents',
      'scheduled_maintenances',
    ]);
    assert.deepEqual(Object.keys(presentComponents(v, opts)), ['page', 'components']);
    assert.deepEqual(Object.keys(presentIncidents(v, opts)), ['page', 'incidents']);
    assert.deepEqual(Object.keys(presentUnresolved(v, opts)), ['page', 'incidents']);
    for (const present of [presentScheduledMaintenances, presentUpcomingMaintenances, presentActiveMaintenances]) {
      assert.deepEqual(present(v, opts), { page: presentStatus(v, opts).page, scheduled_maintenances: [] });
    }
    assert.deepEqual(presentSummary(v, opts).scheduled_maintenances, []);
  });

  test('pageUrlFor', () => {
    assert.equal(
      pageUrlFor({ ...page, url: 'https://status.acme.io' }, 'https://pharos.local', false),
      'https://status.acme.io',
    );
    assert.equal(pageUrlFor(page, 'https://pharos.local', true), 'https://pharos.local');
    assert.equal(pageUrlFor(page, 'https://pharos.local', false), 'https://pharos.local/p/main');
    assert.equal(pageUrlFor(page, 'https://pharos.local/', false), 'https://pharos.local/p/main');
  });
});

describe('components', () => {
  const g = group('g1', {
    name: 'Messaging',
    position: 2,
    description: 'All messaging',
    createdAt: '2025-12-01T00:00:00.000Z',
  });
  const a = component('a', { groupId: 'g1', position: 2, status: 'degraded_performance' });
  const b = component('b', { groupId: 'g1', position: 1, status: 'partial_outage' });
  const c = component('c', { position: 1 });
  const d = component('d', { position: 2, createdAt: '2025-01-01T00:00:00.000Z' });

  test('order: top level by position (groups first on ties), children after their group', () => {
    const rows = presentComponents(view({ groups: [g], components: [a, b, c, d] }), opts).components;
    assert.deepEqual(
      rows.map((r) => r.id),
      ['c', 'g1', 'b', 'a', 'd'],
    );
  });

  test('tie among ungrouped components falls back to creation time', () => {
    const early = component('z', { position: 1, createdAt: '2025-01-01T00:00:00.000Z' });
    const late = component('y', { position: 1, createdAt: '2025-06-01T00:00:00.000Z' });
    const rows = presentComponents(view({ components: [late, early] }), opts).components;
    assert.deepEqual(
      rows.map((r) => r.id),
      ['z', 'y'],
    );
  });

  test('group row: worst status of children, child ids, fixed fields', () => {
    const rows = presentComponents(view({ groups: [g], components: [a, b, c] }), opts).components;
    const row = rows.find((r) => r.id === 'g1');
    assert.deepEqual(row, {
      id: 'g1',
      name: 'Messaging',
      status: 'partial_outage',
      created_at: '2025-12-01T00:00:00.000Z',
      updated_at: T0,
      position: 2,
      description: 'All messaging',
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: 'pg1',
      group: true,
      only_show_if_degraded: false,
      components: ['b', 'a'],
    });
  });

  test('empty group is operational with no children', () => {
    const rows = presentComponents(view({ groups: [group('g2')] }), opts).components;
    assert.equal(rows[0]!.status, 'operational');
    assert.deepEqual((rows[0] as { components: string[] }).components, []);
  });

  test('component row has exactly the Statuspage fields when the page has no segments', () => {
    const row = presentComponents(view({ groups: [g], components: [a] }), opts).components[1]!;
    assert.deepEqual(Object.keys(row).sort(), [...COMPONENT_KEYS].sort());
    assert.deepEqual(row, {
      id: 'a',
      name: 'Component a',
      status: 'degraded_performance',
      created_at: T0,
      updated_at: T0,
      position: 2,
      description: null,
      showcase: true,
      start_date: null,
      group_id: 'g1',
      page_id: 'pg1',
      group: false,
      only_show_if_degraded: false,
    });
  });

  test('segment extension appears only when the page has segments, in segment order', () => {
    const segments = [segment('s-cloud', 'Public Cloud', 1), segment('s-priv', 'Private', 2)];
    const api = component('api', {
      status: 'major_outage',
      segmentStatuses: { 's-priv': 'degraded_performance', 's-cloud': 'major_outage' },
    });
    const rows = presentComponents(view({ segments, components: [api] }), opts).components;
    assert.deepEqual((rows[0] as { segments: unknown }).segments, [
      { id: 's-cloud', name: 'Public Cloud', status: 'major_outage' },
      { id: 's-priv', name: 'Private', status: 'degraded_performance' },
    ]);
    const plain = presentComponents(view({ components: [api] }), opts).components;
    assert.equal('segments' in plain[0]!, false);
  });
});

describe('incidents', () => {
  test('every canonical incident and update key is present', () => {
    const i = incident('inc1', { updates: [update('u1')] });
    const presented = presentIncidents(view({ recentIncidents: [i] }), opts).incidents[0]!;
    for (const key of CANONICAL_INCIDENT_KEYS) assert.ok(key in presented, `incident lacks ${key}`);
    const u = presented.incident_updates[0]!;
    for (const key of CANONICAL_UPDATE_KEYS) assert.ok(key in u, `update lacks ${key}`);
    assert.equal(u.custom_tweet, null);
    assert.equal(u.tweet_id, null);
  });

  test('fields and shortlink', () => {
    const i = incident('abc123', {
      status: 'monitoring',
      impact: 'major',
      backfilled: true,
      startedAt: '2026-01-01T10:00:00.000Z',
      monitoringAt: '2026-01-01T11:00:00.000Z',
      createdAt: '2026-01-01T10:01:00.000Z',
      updatedAt: '2026-01-01T11:00:00.000Z',
    });
    const presented = presentIncidents(view({ recentIncidents: [i] }), opts).incidents[0]!;
    assert.equal(presented.shortlink, 'https://status.example.com/incidents/abc123');
    assert.equal(presented.status, 'monitoring');
    assert.equal(presented.impact, 'major');
    assert.equal(presented.started_at, '2026-01-01T10:00:00.000Z');
    assert.equal(presented.monitoring_at, '2026-01-01T11:00:00.000Z');
    assert.equal(presented.resolved_at, null);
    assert.equal(presented.page_id, 'pg1');
    assert.equal(presented.backfilled, true);
    assert.deepEqual(presented.component_impacts, []);
  });

  test('updates keep newest-first order', () => {
    const updates = [
      update('u3', { displayAt: '2026-01-01T12:00:00.000Z', status: 'resolved' }),
      update('u2', { displayAt: '2026-01-01T11:00:00.000Z', status: 'identified' }),
      update('u1', { displayAt: '2026-01-01T10:00:00.000Z' }),
    ];
    const presented = presentIncidents(view({ recentIncidents: [incident('inc1', { updates })] }), opts).incidents[0]!;
    assert.deepEqual(
      presented.incident_updates.map((u) => u.id),
      ['u3', 'u2', 'u1'],
    );
    assert.deepEqual(
      presented.incident_updates.map((u) => u.display_at),
      ['2026-01-01T12:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T10:00:00.000Z'],
    );
  });

  test('affected_components: null when nothing changed, list otherwise (segment fields only for segment changes)', () => {
    const updates = [
      update('u2', {
        affectedComponents: [
          {
            componentId: 'api',
            segmentId: null,
            oldStatus: 'operational',
            newStatus: 'partial_outage',
            effectiveAt: T0,
          },
          {
            componentId: 'api',
            segmentId: 's-cloud',
            oldStatus: 'operational',
            newStatus: 'major_outage',
            effectiveAt: T0,
          },
          {
            componentId: 'gone',
            segmentId: null,
            oldStatus: 'degraded_performance',
            newStatus: 'operational',
            effectiveAt: T0,
          },
        ],
      }),
      update('u1'),
    ];
    const i = incident('inc1', {
      updates,
      componentNames: { api: 'API' },
      segmentNames: { 's-cloud': 'Public Cloud' },
    });
    const [u2, u1] = presentIncidents(view({ recentIncidents: [i] }), opts).incidents[0]!.incident_updates;
    assert.equal(u1!.affected_components, null);
    assert.deepEqual(u2!.affected_components, [
      { code: 'api', name: 'API', old_status: 'operational', new_status: 'partial_outage' },
      {
        code: 'api',
        name: 'API',
        old_status: 'operational',
        new_status: 'major_outage',
        segment_id: 's-cloud',
        segment_name: 'Public Cloud',
      },
      { code: 'gone', name: 'Deleted component', old_status: 'degraded_performance', new_status: 'operational' },
    ]);
  });

  test('components: current components as rows, without segments even on a segmented page', () => {
    const api = component('api', { status: 'major_outage', segmentStatuses: { 's-cloud': 'major_outage' } });
    const i = incident('inc1', { currentComponents: [api] });
    const v = view({
      segments: [segment('s-cloud', 'Public Cloud', 1)],
      components: [api],
      unresolvedIncidents: [i],
      recentIncidents: [i],
    });
    const presented = presentUnresolved(v, opts).incidents[0]!;
    assert.equal(presented.components.length, 1);
    assert.deepEqual(Object.keys(presented.components[0]!).sort(), [...COMPONENT_KEYS].sort());
    assert.equal(presented.components[0]!.status, 'major_outage');
  });

  test('component_impacts for a seed-000-like incident', () => {
    const at = (status: ComponentStatus, segmentId: string, t: string) => ({
      componentId: 'api',
      segmentId,
      status,
      at: t,
    });
    const impacts = computeImpactTimeline(
      [
        at('major_outage', 'cloud', '2026-07-04T14:55:00Z'),
        at('degraded_performance', 'private', '2026-07-04T14:55:00Z'),
        at('operational', 'cloud', '2026-07-04T22:05:00Z'),
        at('operational', 'private', '2026-07-04T22:05:00Z'),
        // A segment that was touched but never left operational is left out.
        at('operational', 'local', '2026-07-04T14:55:00Z'),
      ],
      '2026-07-04T23:32:00Z',
    );
    const i = incident('inc000', {
      status: 'resolved',
      resolvedAt: '2026-07-04T23:32:00Z',
      impacts,
      componentNames: { api: 'API' },
      segmentNames: { cloud: 'Public Cloud', private: 'Private', local: 'Local' },
    });
    const presented = presentIncidents(view({ recentIncidents: [i] }), opts).incidents[0]!;
    const span = {
      started_at: '2026-07-04T14:55:00.000Z',
      ended_at: '2026-07-04T22:05:00.000Z',
      duration_seconds: 25800,
    };
    assert.deepEqual(presented.component_impacts, [
      {
        component_id: 'api',
        component_name: 'API',
        segment_id: null,
        segment_name: null,
        status: 'major_outage',
        ...span,
      },
      {
        component_id: 'api',
        component_name: 'API',
        segment_id: 'cloud',
        segment_name: 'Public Cloud',
        status: 'major_outage',
        ...span,
      },
      {
        component_id: 'api',
        component_name: 'API',
        segment_id: 'private',
        segment_name: 'Private',
        status: 'degraded_performance',
        ...span,
      },
    ]);
  });

  test('impacts that never left operational are omitted', () => {
    const impacts = computeImpactTimeline([{ componentId: 'x', segmentId: null, status: 'operational', at: T0 }], T1);
    const i = incident('inc1', { impacts });
    assert.deepEqual(presentIncidents(view({ recentIncidents: [i] }), opts).incidents[0]!.component_impacts, []);
  });

  test('incidents.json lists at most 50', () => {
    const many = Array.from({ length: 60 }, (_, n) => incident(`inc${n}`));
    const presented = presentIncidents(view({ recentIncidents: many }), opts).incidents;
    assert.equal(presented.length, 50);
    assert.equal(presented[0]!.id, 'inc0');
    assert.equal(presented[49]!.id, 'inc49');
  });

  test('summary and unresolved include only unresolved incidents', () => {
    const open = incident('open', { status: 'identified' });
    const closed = incident('closed', { status: 'resolved', resolvedAt: T1 });
    const v = view({ unresolvedIncidents: [open], recentIncidents: [open, closed] });
    assert.deepEqual(
      presentSummary(v, opts).incidents.map((i) => i.id),
      ['open'],
    );
    assert.deepEqual(
      presentUnresolved(v, opts).incidents.map((i) => i.id),
      ['open'],
    );
    assert.deepEqual(
      presentIncidents(v, opts).incidents.map((i) => i.id),
      ['open', 'closed'],
    );
  });

  test('summary carries the same components as components.json', () => {
    const v = view({
      groups: [group('g1')],
      components: [component('a', { groupId: 'g1' }), component('b', { position: 3 })],
    });
    assert.deepEqual(presentSummary(v, opts).components, presentComponents(v, opts).components);
    assert.deepEqual(presentSummary(v, opts).status, { indicator: 'none', description: 'All Systems Operational' });
  });
});
