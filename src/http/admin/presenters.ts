import type { ImpactSpan } from '../../core/impact-timeline.js';
import type { ApiToken, AuditEntry, ComponentGroup, ComponentWithStatus, Page, Segment } from '../../core/model.js';
import type { IncidentDetail } from '../../app/incidents/load-incident-detail.js';

// Admin API presenters: every field that leaves is named here (no spreading of domain objects).

/** A page as the admin API shows it. */
export function presentPage(p: Page) {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    time_zone: p.timeZone,
    url: p.url,
    default_lang: p.defaultLang,
    logo_url: p.branding.logoUrl,
    accent_color: p.branding.accentColor,
    footer_links: p.branding.footerLinks.map((l) => ({ label: l.label, url: l.url })),
    custom_domain: p.branding.customDomain,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/** A group or a segment (same shape). */
export function presentGroup(g: ComponentGroup | Segment) {
  return {
    id: g.id,
    page_id: g.pageId,
    name: g.name,
    description: g.description,
    position: g.position,
    created_at: g.createdAt,
    updated_at: g.updatedAt,
  };
}

/** A component with its status. */
export function presentComponent(c: ComponentWithStatus) {
  return {
    id: c.id,
    page_id: c.pageId,
    group_id: c.groupId,
    name: c.name,
    description: c.description,
    status: c.status,
    position: c.position,
    showcase: c.showcase,
    only_show_if_degraded: c.onlyShowIfDegraded,
    start_date: c.startDate,
    segments: Object.entries(c.segmentStatuses).map(([segmentId, status]) => ({ segment_id: segmentId, status })),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function presentSpan(s: ImpactSpan) {
  return {
    status: s.worstStatus,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    duration_seconds: s.durationSeconds,
    seconds_in_status: { ...s.bySecondsInStatus },
  };
}

/** An incident with its updates (newest first) and its per-component, per-segment durations. */
export function presentIncident(i: IncidentDetail, now: Date) {
  const componentName = (id: string) => i.componentNames[id] ?? 'Deleted component';
  const segmentName = (id: string) => i.segmentNames[id] ?? 'Deleted segment';
  const end = i.resolvedAt ? Date.parse(i.resolvedAt) : now.getTime();
  return {
    id: i.id,
    page_id: i.pageId,
    name: i.name,
    status: i.status,
    impact: i.impact,
    impact_override: i.impactOverride,
    backfilled: i.backfilled,
    started_at: i.startedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: i.resolvedAt,
    duration_seconds: Math.max(0, Math.round((end - Date.parse(i.startedAt)) / 1000)),
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      display_at: u.displayAt,
      deliver_notifications: u.deliverNotifications,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
      affected_components: u.affectedComponents.map((a) => ({
        component_id: a.componentId,
        component_name: componentName(a.componentId),
        segment_id: a.segmentId,
        segment_name: a.segmentId ? segmentName(a.segmentId) : null,
        old_status: a.oldStatus,
        new_status: a.newStatus,
        effective_at: a.effectiveAt,
      })),
    })),
    impacts: i.impacts.map((impact) => ({
      component_id: impact.componentId,
      component_name: componentName(impact.componentId),
      ...presentSpan(impact),
      segments: impact.segments.map((s) => ({
        segment_id: s.segmentId,
        segment_name: segmentName(s.segmentId),
        ...presentSpan(s),
      })),
    })),
  };
}

/** A token, never its secret or hash. */
export function presentToken(t: ApiToken) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    created_at: t.createdAt,
    last_used_at: t.lastUsedAt,
    revoked_at: t.revokedAt,
  };
}

/** An audit row. */
export function presentAudit(a: AuditEntry) {
  return {
    id: a.id,
    at: a.at,
    actor: a.actor,
    action: a.action,
    target_type: a.targetType,
    target_id: a.targetId,
    page_id: a.pageId,
    before: a.before,
    after: a.after,
  };
}
