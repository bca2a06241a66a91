import type { Db } from '../app/context.js';
import type { ComponentStatus } from '../core/component-status.js';
import type { AutoIncidentMode, Monitor, MonitorSettings, MonitorType } from '../core/monitor-definition.js';
import type { MonitorTable } from './schema.js';

function toMonitor(row: MonitorTable): Monitor {
  return {
    id: row.id,
    pageId: row.page_id,
    componentId: row.component_id,
    segmentId: row.segment_id === '' ? null : row.segment_id,
    type: row.type as MonitorType,
    name: row.name,
    settings: JSON.parse(row.settings_json) as MonitorSettings,
    intervalSeconds: row.interval_seconds,
    timeoutMs: row.timeout_ms,
    locations: JSON.parse(row.locations_json) as string[],
    failureThreshold: row.failure_threshold,
    recoveryThreshold: row.recovery_threshold,
    quorum: row.quorum,
    maxLatencyMs: row.max_latency_ms,
    downStatus: row.down_status as ComponentStatus,
    slowStatus: row.slow_status as ComponentStatus,
    autoIncident: row.auto_incident as AutoIncidentMode,
    dependsOn: JSON.parse(row.depends_on_json) as string[],
    periodSeconds: row.period_seconds,
    graceSeconds: row.grace_seconds,
    paused: row.paused === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(m: Monitor) {
  return {
    page_id: m.pageId,
    component_id: m.componentId,
    segment_id: m.segmentId ?? '',
    type: m.type,
    name: m.name,
    settings_json: JSON.stringify(m.settings),
    interval_seconds: m.intervalSeconds,
    timeout_ms: m.timeoutMs,
    locations_json: JSON.stringify(m.locations),
    failure_threshold: m.failureThreshold,
    recovery_threshold: m.recoveryThreshold,
    quorum: m.quorum,
    max_latency_ms: m.maxLatencyMs,
    down_status: m.downStatus,
    slow_status: m.slowStatus,
    auto_incident: m.autoIncident,
    depends_on_json: JSON.stringify(m.dependsOn),
    period_seconds: m.periodSeconds,
    grace_seconds: m.graceSeconds,
    paused: m.paused ? 1 : 0,
    updated_at: m.updatedAt,
  };
}

/** Insert a monitor; `pushTokenHash` is the scrypt hash of a heartbeat's push secret. */
export async function insertMonitor(db: Db, m: Monitor, pushTokenHash: string | null): Promise<void> {
  await db
    .insertInto('monitors')
    .values({ id: m.id, ...toRow(m), push_token_hash: pushTokenHash, created_at: m.createdAt, deleted_at: null })
    .execute();
}

/** Save a monitor's editable fields. */
export async function saveMonitor(db: Db, m: Monitor): Promise<void> {
  await db.updateTable('monitors').set(toRow(m)).where('id', '=', m.id).execute();
}

/** A live monitor by id. */
export async function findMonitor(db: Db, id: string): Promise<Monitor | undefined> {
  const row = await db
    .selectFrom('monitors')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toMonitor(row);
}

/** The push-token hash of a live heartbeat monitor, for verifying a beat. */
export async function findPushTokenHash(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('monitors')
    .select('push_token_hash')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.push_token_hash ?? null;
}

/** Live monitors: of one page, of some ids, or all of them (the scheduler's view). */
export async function listMonitors(
  db: Db,
  filter: { pageId?: string; ids?: readonly string[] } = {},
): Promise<Monitor[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let q = db.selectFrom('monitors').selectAll().where('deleted_at', 'is', null);
  if (filter.pageId) q = q.where('page_id', '=', filter.pageId);
  if (filter.ids) q = q.where('id', 'in', filter.ids);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map(toMonitor);
}

/** Soft-delete a monitor. */
export async function markMonitorDeleted(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('monitors').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** The ids of every live monitor (cheap: for jobs that walk monitors in chunks). */
export async function listMonitorIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('monitors').select('id').where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.id);
}
