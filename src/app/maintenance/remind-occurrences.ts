import type { Maintenance } from '../../core/model.js';
import { listUnremindedOccurrences, markOccurrenceReminded } from '../../store/maintenances-store.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';

/**
 * Queue the reminder of every window whose reminder time has come (`notify_reminder_hours` before
 * its start) and that has not started yet. Each reminder is a compare-and-set on the window, so a
 * restart or a second node never reminds twice. Returns the reminded occurrence ids.
 */
export async function remindOccurrences(app: AppContext, series: readonly Maintenance[], now: Date): Promise<string[]> {
  const withReminder = series.filter((m) => m.notify?.reminderHours);
  if (withReminder.length === 0) return [];
  const maxHours = Math.max(...withReminder.map((m) => m.notify!.reminderHours!));
  const byId = new Map(withReminder.map((m) => [m.id, m]));
  const candidates = await listUnremindedOccurrences(
    app.db,
    withReminder.map((m) => m.id),
    new Date(now.getTime() + maxHours * 3_600_000).toISOString(),
  );
  const reminded: string[] = [];
  for (const o of candidates) {
    const m = byId.get(o.maintenance_id)!;
    const remindAt = Date.parse(o.starts_at) - m.notify!.reminderHours! * 3_600_000;
    if (remindAt > now.getTime() || Date.parse(o.starts_at) <= now.getTime()) continue;
    const done = await app.db.transaction().execute(async (trx) => {
      if (!(await markOccurrenceReminded(trx, o.id, now.toISOString()))) return false;
      await enqueueNotification(trx, app, {
        pageId: o.page_id,
        kind: 'maintenance.reminder',
        ref: { maintenance_id: m.id, occurrence_id: o.id },
        componentIds: m.components.map((c) => c.componentId),
      });
      return true;
    });
    if (done) reminded.push(o.id);
  }
  return reminded;
}
