import type { Maintenance, MaintenanceOccurrence } from '../../core/model.js';
import { expandOccurrences } from '../../core/recurrence.js';
import { insertMaintenanceUpdate, insertOccurrenceIfNew, listOccurrences } from '../../store/maintenances-store.js';
import type { AppContext, Db } from '../context.js';

/** How far ahead a recurring series is written out as concrete windows. */
export const MATERIALIZE_HORIZON_DAYS = 35;

/** The windows a definition should have between `from` and the horizon. */
export function plannedWindows(m: Maintenance, from: Date): Array<{ startsAt: string; endsAt: string }> {
  if (m.kind === 'one_off') return [{ startsAt: m.scheduledFor!, endsAt: m.scheduledUntil! }];
  const horizon = new Date(from.getTime() + MATERIALIZE_HORIZON_DAYS * 86_400_000);
  const windows = expandOccurrences(m.recurrence!, from.toISOString(), horizon.toISOString(), 100);
  if (windows.length === 0) {
    // A monthly or yearly rule may have nothing in the horizon: still show the next one.
    const later = expandOccurrences(
      m.recurrence!,
      horizon.toISOString(),
      new Date(from.getTime() + 400 * 86_400_000).toISOString(),
      1,
    );
    return later.map((o) => ({ startsAt: o.start, endsAt: o.end }));
  }
  return windows.map((o) => ({ startsAt: o.start, endsAt: o.end }));
}

/**
 * Write out a definition's windows as occurrences, each with its first ("scheduled") update.
 * Idempotent: a window that already exists is left as it is, so every node may call this.
 */
export async function materializeOccurrences(
  db: Db,
  app: AppContext,
  m: Maintenance,
  from: Date,
): Promise<MaintenanceOccurrence[]> {
  return writeOccurrences(db, app, m, plannedWindows(m, from));
}

/**
 * Write the given windows of a definition that do not exist yet. A window that overlaps one the
 * series is running or has run at another time is skipped: after a series' rule is edited, the
 * window the old rule started is not doubled by the new rule's window of the same evening.
 */
export async function writeOccurrences(
  db: Db,
  app: AppContext,
  m: Maintenance,
  windows: ReadonlyArray<{ startsAt: string; endsAt: string }>,
): Promise<MaintenanceOccurrence[]> {
  if (windows.length === 0) return [];
  const at = app.now().toISOString();
  const ran =
    m.kind === 'recurring'
      ? await listOccurrences(db, {
          maintenanceIds: [m.id],
          statuses: ['in_progress', 'verifying', 'completed'],
          limit: 20,
          order: 'desc',
        })
      : [];
  const created: MaintenanceOccurrence[] = [];
  for (const window of windows) {
    const clash = ran.some(
      (o) => o.startsAt !== window.startsAt && o.startsAt < window.endsAt && window.startsAt < o.endsAt,
    );
    if (clash) continue;
    const occurrence: MaintenanceOccurrence = {
      id: app.newId(),
      maintenanceId: m.id,
      pageId: m.pageId,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      status: 'scheduled',
      startedAt: null,
      finishedAt: null,
      verifyingSince: null,
      lastCheck: null,
      validationIncidentId: null,
      watchUntil: null,
      watchIncidentId: null,
      createdAt: at,
      updatedAt: at,
    };
    if (!(await insertOccurrenceIfNew(db, occurrence))) continue;
    await insertMaintenanceUpdate(db, {
      id: app.newId(),
      occurrenceId: occurrence.id,
      status: 'scheduled',
      body: m.message,
      displayAt: at,
      sequence: 1,
      automatic: false,
      createdAt: at,
      updatedAt: at,
    });
    created.push(occurrence);
  }
  return created;
}
