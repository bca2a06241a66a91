import type { MaintenanceDetail } from '../../app/maintenance/load-maintenance-details.js';
import type { V2Options } from './v2-presenters.js';
import { presentV2Component } from './v2-presenters.js';

// Scheduled maintenances as Statuspage presents them: the incident shape plus scheduled_for and
// scheduled_until. Each window of a recurring series is its own object with its own id.

/** One maintenance window, Statuspage's `scheduled_maintenance` object. */
export function presentV2Maintenance(m: MaintenanceDetail, opts: V2Options) {
  const newest = m.updates[0];
  return {
    id: m.id,
    name: m.maintenance.name,
    status: m.status,
    impact: m.maintenance.impact,
    created_at: m.createdAt,
    updated_at: newest && newest.updatedAt > m.updatedAt ? newest.updatedAt : m.updatedAt,
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? m.finishedAt : null,
    started_at: m.startedAt ?? m.startsAt,
    shortlink: `${opts.pageUrl}/incidents/${m.id}`,
    page_id: m.pageId,
    scheduled_for: m.startsAt,
    scheduled_until: m.endsAt,
    incident_updates: m.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: m.id,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
      display_at: u.displayAt,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
      affected_components: null,
    })),
    components: m.currentComponents.map((c) => presentV2Component(c)),
    // Pharos extension: the series this window belongs to, and its rule when it recurs.
    recurrence: m.maintenance.recurrence
      ? {
          maintenance_id: m.maintenanceId,
          rule: m.maintenance.recurrence.rule,
          time_zone: m.maintenance.recurrence.timeZone,
          starts_at_local: m.maintenance.recurrence.startsAtLocal,
          duration_minutes: m.maintenance.recurrence.durationMinutes,
        }
      : null,
  };
}
