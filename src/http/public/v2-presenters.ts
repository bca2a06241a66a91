import { worstStatus } from '../../core/component-status.js';
import type { ImpactSpan } from '../../core/impact-timeline.js';
import type { ComponentGroup, ComponentWithStatus, IncidentUpdate, Page, Segment } from '../../core/model.js';
import type { IncidentDetail } from '../../app/incidents/load-incident-detail.js';
import type { PageView } from '../../app/public/load-page-view.js';
import { presentV2Maintenance } from './v2-maintenance-presenters.js';

// Statuspage-compatible public API v2 presenters (see hosted-anchors §2). Pure: no I/O. Every field
// that leaves is named here; Pharos additions (`segments`, `backfilled`, `component_impacts`) are
// additive so Statuspage clients can ignore them.

/** Options every v2 presenter needs. */
export interface V2Options {
  /** The page's public URL (no trailing slash), as `pageUrlFor` computes it. */
  pageUrl: string;
}

/** Statuspage lists at most this many incidents in incidents.json. */
export const V2_INCIDENT_LIMIT = 50;

/**
 * A page's public URL: its own `url` if set, else the public URL (default page) or `/p/<slug>` under
 * it. Trailing slashes are dropped so `${pageUrl}/incidents/<id>` is well formed.
 */
export function pageUrlFor(
  page: Pick<Page, 'url' | 'slug' | 'branding'>,
  publicUrl: string,
  isDefault: boolean,
): string {
  if (page.url) return page.url.replace(/\/+$/, '');
  if (page.branding.customDomain) return `https://${page.branding.customDomain}`;
  const base = publicUrl.replace(/\/+$/, '');
  return isDefault ? base : `${base}/p/${page.slug}`;
}

/** The v2 `page` object. */
export function presentV2Page(page: Page, opts: V2Options) {
  return {
    id: page.id,
    name: page.name,
    url: opts.pageUrl,
    time_zone: page.timeZone,
    updated_at: page.updatedAt,
  };
}

/** One component row (group: false). `segments` is added only when `segments` is given and non-empty. */
export function presentV2Component(c: ComponentWithStatus, segments: readonly Segment[] = []) {
  const row = {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    start_date: c.startDate,
    group_id: c.groupId,
    page_id: c.pageId,
    group: false as const,
    only_show_if_degraded: c.onlyShowIfDegraded,
  };
  if (segments.length === 0) return row;
  return {
    ...row,
    segments: segments.map((s) => ({
      id: s.id,
      name: s.name,
      status: c.segmentStatuses[s.id] ?? 'operational',
    })),
  };
}

/** One group row (group: true), its status the worst of its children. */
export function presentV2Group(g: ComponentGroup, children: readonly ComponentWithStatus[]) {
  return {
    id: g.id,
    name: g.name,
    status: worstStatus(children.map((c) => c.status)),
    created_at: g.createdAt,
    updated_at: g.updatedAt,
    position: g.position,
    description: g.description,
    showcase: false as const,
    start_date: null,
    group_id: null,
    page_id: g.pageId,
    group: true as const,
    only_show_if_degraded: false as const,
    components: children.map((c) => c.id),
  };
}

export type V2ComponentRow = ReturnType<typeof presentV2Component> | ReturnType<typeof presentV2Group>;

const byPositionThenCreated = <T extends { position: number; createdAt: string; id: string }>(a: T, b: T): number =>
  a.position - b.position || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The components list: top-level items (groups and ungrouped components) by position (ties: groups
 * first, then creation time), each group followed by its children by position.
 */
export function presentV2Components(view: PageView): V2ComponentRow[] {
  const groupIds = new Set(view.groups.map((g) => g.id));
  const childrenOf = new Map<string, ComponentWithStatus[]>();
  const ungrouped: ComponentWithStatus[] = [];
  for (const c of view.components) {
    if (c.groupId !== null && groupIds.has(c.groupId)) {
      childrenOf.set(c.groupId, [...(childrenOf.get(c.groupId) ?? []), c]);
    } else {
      ungrouped.push(c);
    }
  }

  type TopItem = { kind: 'group'; item: ComponentGroup } | { kind: 'component'; item: ComponentWithStatus };
  const top: TopItem[] = [
    ...view.groups.map((item): TopItem => ({ kind: 'group', item })),
    ...ungrouped.map((item): TopItem => ({ kind: 'component', item })),
  ];
  top.sort(
    (a, b) =>
      a.item.position - b.item.position ||
      (a.kind === b.kind ? 0 : a.kind === 'group' ? -1 : 1) ||
      a.item.createdAt.localeCompare(b.item.createdAt) ||
      a.item.id.localeCompare(b.item.id),
  );

  const rows: V2ComponentRow[] = [];
  for (const entry of top) {
    if (entry.kind === 'component') {
      rows.push(presentV2Component(entry.item, view.segments));
      continue;
    }
    const children = [...(childrenOf.get(entry.item.id) ?? [])].sort(byPositionThenCreated);
    rows.push(presentV2Group(entry.item, children));
    for (const child of children) rows.push(presentV2Component(child, view.segments));
  }
  return rows;
}

/** One incident update. `affected_components` is null when the update changed nothing. */
export function presentV2IncidentUpdate(
  u: IncidentUpdate,
  detail: Pick<IncidentDetail, 'componentNames' | 'segmentNames'>,
) {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: u.incidentId,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
    display_at: u.displayAt,
    deliver_notifications: u.deliverNotifications,
    custom_tweet: null,
    tweet_id: null,
    affected_components:
      u.affectedComponents.length === 0
        ? null
        : u.affectedComponents.map((a) => {
            const base = {
              code: a.componentId,
              name: componentName(detail, a.componentId),
              old_status: a.oldStatus,
              new_status: a.newStatus,
            };
            return a.segmentId === null
              ? base
              : { ...base, segment_id: a.segmentId, segment_name: segmentName(detail, a.segmentId) };
          }),
  };
}

function componentName(detail: Pick<IncidentDetail, 'componentNames'>, id: string): string {
  return detail.componentNames[id] ?? 'Deleted component';
}

function segmentName(detail: Pick<IncidentDetail, 'segmentNames'>, id: string): string {
  return detail.segmentNames[id] ?? 'Deleted segment';
}

function impactEntry(span: ImpactSpan) {
  return {
    status: span.worstStatus,
    started_at: span.startedAt,
    ended_at: span.endedAt,
    duration_seconds: span.durationSeconds,
  };
}

/**
 * Pharos extension: a flat list of impacts, for each affected component its whole-component entry
 * (segment_id null) followed by one entry per segment. Spans that never left operational are left out.
 */
export function presentV2ComponentImpacts(detail: IncidentDetail) {
  const rows = [];
  for (const impact of detail.impacts) {
    if (impact.worstStatus === 'operational') continue;
    const name = componentName(detail, impact.componentId);
    rows.push({
      component_id: impact.componentId,
      component_name: name,
      segment_id: null,
      segment_name: null,
      ...impactEntry(impact),
    });
    for (const s of impact.segments) {
      if (s.worstStatus === 'operational') continue;
      rows.push({
        component_id: impact.componentId,
        component_name: name,
        segment_id: s.segmentId as string | null,
        segment_name: segmentName(detail, s.segmentId) as string | null,
        ...impactEntry(s),
      });
    }
  }
  return rows;
}

/** One incident in Statuspage's shape, plus `backfilled` and `component_impacts`. */
export function presentV2Incident(i: IncidentDetail, opts: V2Options) {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: i.resolvedAt,
    started_at: i.startedAt,
    shortlink: `${opts.pageUrl}/incidents/${i.id}`,
    page_id: i.pageId,
    // Newest first, as IncidentDetail already holds them.
    incident_updates: i.updates.map((u) => presentV2IncidentUpdate(u, i)),
    components: i.currentComponents.map((c) => presentV2Component(c)),
    backfilled: i.backfilled,
    component_impacts: presentV2ComponentImpacts(i),
  };
}

function presentStatusObject(view: PageView) {
  return { indicator: view.status.indicator, description: view.status.description };
}

/** summary.json */
export function presentSummary(view: PageView, opts: V2Options) {
  return {
    page: presentV2Page(view.page, opts),
    status: presentStatusObject(view),
    components: presentV2Components(view),
    incidents: view.unresolvedIncidents.map((i) => presentV2Incident(i, opts)),
    // Upcoming and in-progress windows, soonest first.
    scheduled_maintenances: view.openMaintenances.map((m) => presentV2Maintenance(m, opts)),
  };
}

/** status.json */
export function presentStatus(view: PageView, opts: V2Options) {
  return { page: presentV2Page(view.page, opts), status: presentStatusObject(view) };
}

/** components.json */
export function presentComponents(view: PageView, opts: V2Options) {
  return { page: presentV2Page(view.page, opts), components: presentV2Components(view) };
}

/** incidents.json: the 50 most recent incidents. */
export function presentIncidents(view: PageView, opts: V2Options) {
  return {
    page: presentV2Page(view.page, opts),
    incidents: view.recentIncidents.slice(0, V2_INCIDENT_LIMIT).map((i) => presentV2Incident(i, opts)),
  };
}

/** incidents/unresolved.json */
export function presentUnresolved(view: PageView, opts: V2Options) {
  return {
    page: presentV2Page(view.page, opts),
    incidents: view.unresolvedIncidents.map((i) => presentV2Incident(i, opts)),
  };
}

/** scheduled-maintenances.json: the 50 most recent windows, completed ones included. */
export function presentScheduledMaintenances(view: PageView, opts: V2Options) {
  return {
    page: presentV2Page(view.page, opts),
    scheduled_maintenances: view.recentMaintenances.map((m) => presentV2Maintenance(m, opts)),
  };
}

/** scheduled-maintenances/upcoming.json: windows not started yet. */
export function presentUpcomingMaintenances(view: PageView, opts: V2Options) {
  return {
    page: presentV2Page(view.page, opts),
    scheduled_maintenances: view.openMaintenances
      .filter((m) => m.status === 'scheduled')
      .map((m) => presentV2Maintenance(m, opts)),
  };
}

/** scheduled-maintenances/active.json: windows in progress or being verified. */
export function presentActiveMaintenances(view: PageView, opts: V2Options) {
  return {
    page: presentV2Page(view.page, opts),
    scheduled_maintenances: view.openMaintenances
      .filter((m) => m.status !== 'scheduled')
      .map((m) => presentV2Maintenance(m, opts)),
  };
}
