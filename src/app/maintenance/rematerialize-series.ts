import type { Maintenance } from '../../core/model.js';
import { deleteScheduledOccurrences, listOccurrences, rescheduleOccurrence } from '../../store/maintenances-store.js';
import type { AppContext, Db } from '../context.js';
import { plannedWindows, writeOccurrences } from './materialize-occurrences.js';

/** What re-materialising a series changed. */
export interface Rematerialized {
  /** Windows that no longer fit the rule and were removed (they had not started). */
  removed: string[];
  /** Windows kept with a new end (same start, new duration). */
  resized: string[];
  /** Windows the new rule added. */
  added: string[];
}

/**
 * Bring a series' future windows in line with its (edited) rule: windows that have not started and
 * that the new rule no longer has are deleted; a window whose start still fits keeps its id (and
 * its public URL) with the new end; the new rule's other windows are written out. Windows already
 * in progress, verifying, completed or cancelled are history and stay as they are.
 */
export async function rematerializeSeries(db: Db, app: AppContext, m: Maintenance): Promise<Rematerialized> {
  const now = app.now();
  const at = now.toISOString();
  const planned = plannedWindows(m, now);
  const future = await listOccurrences(db, {
    maintenanceIds: [m.id],
    statuses: ['scheduled'],
    startsAfter: at,
    limit: 1000,
    order: 'asc',
  });
  const byStart = new Map(planned.map((w) => [w.startsAt, w]));
  const removed: string[] = [];
  const resized: string[] = [];
  for (const o of future) {
    const fits = byStart.get(o.startsAt);
    if (!fits) removed.push(o.id);
    else if (fits.endsAt !== o.endsAt) {
      await rescheduleOccurrence(db, o.id, { startsAt: o.startsAt, endsAt: fits.endsAt, at, remindAgain: false });
      resized.push(o.id);
    }
  }
  await deleteScheduledOccurrences(db, removed);
  const added = await writeOccurrences(db, app, m, planned);
  return { removed, resized, added: added.map((o) => o.id) };
}
