import type { Maintenance, MaintenanceOccurrence } from '../../core/model.js';
import { expandOccurrences } from '../../core/recurrence.js';
import { insertMaintenanceUpdate, insertOccurrenceIfNew } from '../../store/maintenances-store.js';
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
  const at = app.now().toISOString();
  const created: MaintenanceOccurrence[] = [];
  for (const window of plannedWindows(m, from)) {
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
