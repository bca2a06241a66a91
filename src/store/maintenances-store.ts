import type { Db } from '../app/context.js';
import type { MaintenanceStatus } from '../core/maintenance-lifecycle.js';
import type {
  CheckResult,
  ComponentRef,
  Maintenance,
  MaintenanceOccurrence,
  MaintenanceUpdate,
} from '../core/model.js';
import type { RecurrenceSpec } from '../core/recurrence.js';
import type { MaintenanceOccurrenceTable, MaintenanceTable } from './schema.js';

function toMaintenance(row: MaintenanceTable, components: ComponentRef[]): Maintenance {
  const recurrence: RecurrenceSpec | null =
    row.kind === 'recurring'
      ? {
          rule: row.rule!,
          timeZone: row.time_zone!,
          startsAtLocal: row.starts_at_local!,
          durationMinutes: row.duration_minutes!,
          exceptions: row.exceptions_json ? (JSON.parse(row.exceptions_json) as RecurrenceSpec['exceptions']) : [],
        }
      : null;
  return {
    id: row.id,
    pageId: row.page_id,
    name: row.name,
    message: row.message,
    impact: row.impact as Maintenance['impact'],
    kind: row.kind,
    scheduledFor: row.scheduled_for,
    scheduledUntil: row.scheduled_until,
    recurrence,
    autoStart: row.auto_start === 1,
    autoComplete: row.auto_complete === 1,
    validationUrl: row.validation_url,
    validationGraceMinutes: row.validation_grace_minutes,
    validationMonitorIds: row.validation_monitor_ids_json
      ? (JSON.parse(row.validation_monitor_ids_json) as string[])
      : [],
    watchMinutes: row.watch_minutes,
    notify: {
      reminderHours: row.notify_reminder_hours,
      start: row.notify_start === 1,
      end: row.notify_end === 1,
    },
    components,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toOccurrence(row: MaintenanceOccurrenceTable): MaintenanceOccurrence {
  return {
    id: row.id,
    maintenanceId: row.maintenance_id,
    pageId: row.page_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status as MaintenanceStatus,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    verifyingSince: row.verifying_since,
    lastCheck: row.last_check_json ? (JSON.parse(row.last_check_json) as CheckResult) : null,
    validationIncidentId: row.validation_incident_id,
    watchUntil: row.watch_until,
    watchIncidentId: row.watch_incident_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns of a definition that an edit may change. */
function editableColumns(m: Maintenance) {
  return {
    name: m.name,
    message: m.message,
    impact: m.impact,
    scheduled_for: m.scheduledFor,
    scheduled_until: m.scheduledUntil,
    rule: m.recurrence?.rule ?? null,
    time_zone: m.recurrence?.timeZone ?? null,
    starts_at_local: m.recurrence?.startsAtLocal ?? null,
    duration_minutes: m.recurrence?.durationMinutes ?? null,
    exceptions_json: m.recurrence ? JSON.stringify(m.recurrence.exceptions ?? []) : null,
    auto_start: m.autoStart ? 1 : 0,
    auto_complete: m.autoComplete ? 1 : 0,
    validation_url: m.validationUrl,
    validation_grace_minutes: m.validationGraceMinutes,
    validation_monitor_ids_json: m.validationMonitorIds.length > 0 ? JSON.stringify(m.validationMonitorIds) : null,
    watch_minutes: m.watchMinutes,
    notify_reminder_hours: m.notify?.reminderHours ?? null,
    notify_start: m.notify?.start === false ? 0 : 1,
    notify_end: m.notify?.end === false ? 0 : 1,
    updated_at: m.updatedAt,
  };
}

/** Insert a maintenance definition and the components it affects. */
export async function insertMaintenance(db: Db, m: Maintenance): Promise<void> {
  await db
    .insertInto('maintenances')
    .values({
      id: m.id,
      page_id: m.pageId,
      kind: m.kind,
      ...editableColumns(m),
      created_at: m.createdAt,
      deleted_at: null,
    })
    .execute();
  await insertComponentRefs(db, m.id, m.components);
}

/** Save an edited definition and replace the components it affects. */
export async function saveMaintenance(db: Db, m: Maintenance): Promise<void> {
  await db.updateTable('maintenances').set(editableColumns(m)).where('id', '=', m.id).execute();
  await db.deleteFrom('maintenance_components').where('maintenance_id', '=', m.id).execute();
  await insertComponentRefs(db, m.id, m.components);
}

async function insertComponentRefs(db: Db, maintenanceId: string, refs: readonly ComponentRef[]): Promise<void> {
  if (refs.length === 0) return;
  await db
    .insertInto('maintenance_components')
    .values(
      refs.map((c, position) => ({
        maintenance_id: maintenanceId,
        component_id: c.componentId,
        segment_id: c.segmentId ?? '',
        position,
      })),
    )
    .execute();
}

/** Live maintenance definitions by id (all when `ids` is omitted), with their components. */
export async function listMaintenances(
  db: Db,
  filter: { ids?: readonly string[]; pageId?: string; includeDeleted?: boolean },
): Promise<Maintenance[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let q = db.selectFrom('maintenances').selectAll();
  if (!filter.includeDeleted) q = q.where('deleted_at', 'is', null);
  if (filter.ids) q = q.where('id', 'in', filter.ids);
  if (filter.pageId) q = q.where('page_id', '=', filter.pageId);
  const rows = await q.orderBy('created_at').execute();
  if (rows.length === 0) return [];
  const refs = await db
    .selectFrom('maintenance_components')
    .selectAll()
    .where(
      'maintenance_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((row) =>
    toMaintenance(
      row,
      refs
        .filter((r) => r.maintenance_id === row.id)
        .map((r) => ({ componentId: r.component_id, segmentId: r.segment_id === '' ? null : r.segment_id })),
    ),
  );
}

/** Soft-delete a maintenance definition. */
export async function markMaintenanceDeleted(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('maintenances').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** Insert an occurrence unless the series already has one at that start; true when inserted. */
export async function insertOccurrenceIfNew(db: Db, o: MaintenanceOccurrence): Promise<boolean> {
  const result = await db
    .insertInto('maintenance_occurrences')
    .values({
      id: o.id,
      maintenance_id: o.maintenanceId,
      page_id: o.pageId,
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      status: o.status,
      started_at: o.startedAt,
      finished_at: o.finishedAt,
      verifying_since: o.verifyingSince,
      last_check_json: o.lastCheck ? JSON.stringify(o.lastCheck) : null,
      validation_incident_id: o.validationIncidentId,
      watch_until: o.watchUntil,
      watch_incident_id: o.watchIncidentId,
      created_at: o.createdAt,
      updated_at: o.updatedAt,
    })
    .onConflict((oc) => oc.columns(['maintenance_id', 'starts_at']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** An occurrence by id. */
export async function findOccurrence(db: Db, id: string): Promise<MaintenanceOccurrence | undefined> {
  const row = await db.selectFrom('maintenance_occurrences').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOccurrence(row);
}

/** Filters for listing occurrences. */
export interface OccurrenceFilter {
  pageId?: string;
  maintenanceIds?: readonly string[];
  statuses?: readonly MaintenanceStatus[];
  /** Only occurrences that start at or before this time (the clock's "due" query). */
  startsBy?: string;
  /** Only occurrences that start after this time. */
  startsAfter?: string;
  /** Only occurrences whose watch runs past this time (completed windows still under watch). */
  watchedAt?: string;
  limit: number;
  order: 'asc' | 'desc';
}

/** Occurrences by start time. */
export async function listOccurrences(db: Db, filter: OccurrenceFilter): Promise<MaintenanceOccurrence[]> {
  let q = db.selectFrom('maintenance_occurrences').selectAll();
  if (filter.pageId) q = q.where('page_id', '=', filter.pageId);
  if (filter.maintenanceIds)
    q = q.where('maintenance_id', 'in', filter.maintenanceIds.length ? filter.maintenanceIds : ['']);
  if (filter.statuses) q = q.where('status', 'in', filter.statuses);
  if (filter.startsBy) q = q.where('starts_at', '<=', filter.startsBy);
  if (filter.startsAfter) q = q.where('starts_at', '>', filter.startsAfter);
  if (filter.watchedAt) q = q.where('watch_until', '>', filter.watchedAt);
  const rows = await q.orderBy('starts_at', filter.order).orderBy('id', filter.order).limit(filter.limit).execute();
  return rows.map(toOccurrence);
}

/**
 * Move an occurrence from one status to another only if it is still in `from`: the compare-and-set
 * that makes every transition happen once, whichever node or restart gets there first.
 */
export async function moveOccurrence(
  db: Db,
  id: string,
  from: MaintenanceStatus,
  to: MaintenanceStatus,
  fields: { at: string; startedAt?: string; finishedAt?: string; verifyingSince?: string; watchUntil?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_occurrences')
    .set({
      status: to,
      updated_at: fields.at,
      ...(fields.startedAt ? { started_at: fields.startedAt } : {}),
      ...(fields.finishedAt ? { finished_at: fields.finishedAt } : {}),
      ...(fields.verifyingSince ? { verifying_since: fields.verifyingSince } : {}),
      ...(fields.watchUntil ? { watch_until: fields.watchUntil } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Insert an update into an occurrence's timeline. */
export async function insertMaintenanceUpdate(db: Db, u: MaintenanceUpdate): Promise<void> {
  await db
    .insertInto('maintenance_updates')
    .values({
      id: u.id,
      occurrence_id: u.occurrenceId,
      status: u.status,
      body: u.body,
      display_at: u.displayAt,
      sequence: u.sequence,
      automatic: u.automatic ? 1 : 0,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
    })
    .execute();
}

/** The updates of the given occurrences, newest first. */
export async function listMaintenanceUpdates(db: Db, occurrenceIds: readonly string[]): Promise<MaintenanceUpdate[]> {
  if (occurrenceIds.length === 0) return [];
  const rows = await db
    .selectFrom('maintenance_updates')
    .selectAll()
    .where('occurrence_id', 'in', occurrenceIds)
    .orderBy('display_at', 'desc')
    .orderBy('sequence', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    occurrenceId: r.occurrence_id,
    status: r.status as MaintenanceStatus,
    body: r.body,
    displayAt: r.display_at,
    sequence: r.sequence,
    automatic: r.automatic === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** The highest update sequence of an occurrence (0 when none). */
export async function lastMaintenanceSequence(db: Db, occurrenceId: string): Promise<number> {
  const row = await db
    .selectFrom('maintenance_updates')
    .select((eb) => eb.fn.max('sequence').as('max'))
    .where('occurrence_id', '=', occurrenceId)
    .executeTakeFirst();
  return row?.max ?? 0;
}

/** Record the latest validation check of a window (and the incident it led to, once). */
export async function recordValidation(db: Db, id: string, check: CheckResult, incidentId?: string): Promise<void> {
  await db
    .updateTable('maintenance_occurrences')
    .set({ last_check_json: JSON.stringify(check), ...(incidentId ? { validation_incident_id: incidentId } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Link the incident opened for failed validation, only if none is linked yet; true when linked. */
export async function claimValidationIncident(db: Db, id: string, incidentId: string): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_occurrences')
    .set({ validation_incident_id: incidentId })
    .where('id', '=', id)
    .where('validation_incident_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Mark an occurrence's reminder sent, once: false when it already was (another node, a restart). */
export async function markOccurrenceReminded(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_occurrences')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ids of scheduled occurrences not reminded yet that start by `startsBy`. */
export async function listUnremindedOccurrences(db: Db, maintenanceIds: readonly string[], startsBy: string) {
  if (maintenanceIds.length === 0) return [];
  return db
    .selectFrom('maintenance_occurrences')
    .select(['id', 'maintenance_id', 'page_id', 'starts_at'])
    .where('maintenance_id', 'in', maintenanceIds)
    .where('status', '=', 'scheduled')
    .where('reminded_at', 'is', null)
    .where('starts_at', '<=', startsBy)
    .orderBy('starts_at')
    .limit(500)
    .execute();
}

/**
 * Delete windows that have not started, with their timeline (an edited series no longer has them).
 * Only rows still `scheduled` go: a window the clock started meanwhile stays.
 */
export async function deleteScheduledOccurrences(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const doomed = await db
    .selectFrom('maintenance_occurrences')
    .select('id')
    .where('id', 'in', ids)
    .where('status', '=', 'scheduled')
    .execute();
  if (doomed.length === 0) return 0;
  const doomedIds = doomed.map((d) => d.id);
  await db.deleteFrom('maintenance_updates').where('occurrence_id', 'in', doomedIds).execute();
  const result = await db.deleteFrom('maintenance_occurrences').where('id', 'in', doomedIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Move a window that has not started to new times. A moved start gets its reminder again. False when
 * the window is no longer `scheduled`.
 */
export async function rescheduleOccurrence(
  db: Db,
  id: string,
  window: { startsAt: string; endsAt: string; at: string; remindAgain: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_occurrences')
    .set({
      starts_at: window.startsAt,
      ends_at: window.endsAt,
      updated_at: window.at,
      ...(window.remindAgain ? { reminded_at: null } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replace the announcement (the first, "scheduled" update) of windows that still carry `oldBody`. */
export async function replaceAnnouncement(
  db: Db,
  occurrenceIds: readonly string[],
  oldBody: string,
  newBody: string,
  at: string,
): Promise<void> {
  if (occurrenceIds.length === 0) return;
  await db
    .updateTable('maintenance_updates')
    .set({ body: newBody, updated_at: at })
    .where('occurrence_id', 'in', occurrenceIds)
    .where('sequence', '=', 1)
    .where('status', '=', 'scheduled')
    .where('body', '=', oldBody)
    .execute();
}

/** Note that the team was alerted about a window's failing validation, once: false when it already was. */
export async function markValidationAlerted(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_occurrences')
    .set({ validation_alerted_at: at })
    .where('id', '=', id)
    .where('validation_alerted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Link the incident a failure during the watch opened, only if none is linked yet; true when linked. */
export async function claimWatchIncident(db: Db, id: string, incidentId: string): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_occurrences')
    .set({ watch_incident_id: incidentId })
    .where('id', '=', id)
    .where('watch_incident_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
