import type { Db } from '../app/context.js';
import type { ComponentStatus } from '../core/component-status.js';
import type { IncidentImpact, IncidentStatus } from '../core/incident-lifecycle.js';
import type { AffectedComponent, Incident, IncidentUpdate } from '../core/model.js';
import type { IncidentTable } from './schema.js';

/** An incident row with whether it was deleted. */
export interface StoredIncident extends Incident {
  deletedAt: string | null;
}

function toIncident(row: IncidentTable): StoredIncident {
  return {
    id: row.id,
    pageId: row.page_id,
    name: row.name,
    status: row.status as IncidentStatus,
    impact: row.impact as IncidentImpact,
    impactOverride: row.impact_override as IncidentImpact | null,
    backfilled: row.backfilled === 1,
    startedAt: row.started_at,
    monitoringAt: row.monitoring_at,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

function toRow(i: Incident): Omit<IncidentTable, 'deleted_at'> {
  return {
    id: i.id,
    page_id: i.pageId,
    name: i.name,
    status: i.status,
    impact: i.impact,
    impact_override: i.impactOverride,
    backfilled: i.backfilled ? 1 : 0,
    started_at: i.startedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: i.resolvedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

/** An incident by id, deleted or not. */
export async function findIncident(db: Db, id: string): Promise<StoredIncident | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toIncident(row);
}

/** Filters for listing incidents. */
export interface IncidentFilter {
  pageId: string;
  /** `unresolved` keeps investigating/identified/monitoring; `resolved` keeps resolved. */
  state?: 'unresolved' | 'resolved';
  limit: number;
  /** Only incidents that started before this time (for paging back through history). */
  /** Only incidents after this one in the listing order (paging back through history). */
  after?: { startedAt: string; id: string };
}

/** Live incidents of a page, most recently started first. */
export async function listIncidents(db: Db, filter: IncidentFilter): Promise<StoredIncident[]> {
  let query = db
    .selectFrom('incidents')
    .selectAll()
    .where('page_id', '=', filter.pageId)
    .where('deleted_at', 'is', null);
  if (filter.state === 'unresolved') query = query.where('status', '!=', 'resolved');
  if (filter.state === 'resolved') query = query.where('status', '=', 'resolved');
  const after = filter.after;
  if (after) {
    // Keyset paging on (started_at, id): incidents sharing a start time are neither lost nor repeated.
    query = query.where((eb) =>
      eb.or([
        eb('started_at', '<', after.startedAt),
        eb.and([eb('started_at', '=', after.startedAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toIncident);
}

/** Insert an incident. */
export async function insertIncident(db: Db, incident: Incident): Promise<void> {
  await db
    .insertInto('incidents')
    .values({ ...toRow(incident), deleted_at: null })
    .execute();
}

/** Save an incident's fields. */
export async function saveIncident(db: Db, incident: Incident): Promise<void> {
  const { id, ...rest } = toRow(incident);
  await db.updateTable('incidents').set(rest).where('id', '=', id).execute();
}

/** Soft-delete an incident. */
export async function markIncidentDeleted(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('incidents').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** Insert an update and the component changes it records. */
export async function insertIncidentUpdate(db: Db, update: IncidentUpdate): Promise<void> {
  await db
    .insertInto('incident_updates')
    .values({
      id: update.id,
      incident_id: update.incidentId,
      status: update.status,
      body: update.body,
      display_at: update.displayAt,
      sequence: update.sequence,
      deliver_notifications: update.deliverNotifications ? 1 : 0,
      created_at: update.createdAt,
      updated_at: update.updatedAt,
    })
    .execute();
  if (update.affectedComponents.length === 0) return;
  await db
    .insertInto('incident_update_components')
    .values(
      update.affectedComponents.map((a, position) => ({
        update_id: update.id,
        incident_id: update.incidentId,
        component_id: a.componentId,
        segment_id: a.segmentId ?? '',
        old_status: a.oldStatus,
        new_status: a.newStatus,
        effective_at: a.effectiveAt,
        position,
      })),
    )
    .execute();
}

/** Change an update's text or display time. */
export async function saveIncidentUpdateFields(
  db: Db,
  update: Pick<IncidentUpdate, 'id' | 'body' | 'displayAt' | 'updatedAt'>,
): Promise<void> {
  await db
    .updateTable('incident_updates')
    .set({ body: update.body, display_at: update.displayAt, updated_at: update.updatedAt })
    .where('id', '=', update.id)
    .execute();
}

/** The updates of the given incidents with their component changes, newest first per incident. */
export async function listIncidentUpdates(db: Db, incidentIds: readonly string[]): Promise<IncidentUpdate[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', 'in', incidentIds)
    .orderBy('display_at', 'desc')
    .orderBy('sequence', 'desc')
    .execute();
  const changes = await db
    .selectFrom('incident_update_components')
    .selectAll()
    .where('incident_id', 'in', incidentIds)
    .orderBy('position')
    .execute();
  const byUpdate = new Map<string, AffectedComponent[]>();
  for (const c of changes) {
    const list = byUpdate.get(c.update_id) ?? [];
    list.push({
      componentId: c.component_id,
      segmentId: c.segment_id === '' ? null : c.segment_id,
      oldStatus: c.old_status as ComponentStatus,
      newStatus: c.new_status as ComponentStatus,
      effectiveAt: c.effective_at,
    });
    byUpdate.set(c.update_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    status: r.status as IncidentStatus,
    body: r.body,
    displayAt: r.display_at,
    sequence: r.sequence,
    deliverNotifications: r.deliver_notifications === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    affectedComponents: byUpdate.get(r.id) ?? [],
  }));
}

/** Move the component changes of an update that took effect at its old time to its new time. */
export async function moveUpdateEffectiveTimes(db: Db, updateId: string, from: string, to: string): Promise<void> {
  await db
    .updateTable('incident_update_components')
    .set({ effective_at: to })
    .where('update_id', '=', updateId)
    .where('effective_at', '=', from)
    .execute();
}
