import type { Transaction } from 'kysely';
import { watchedMonitors } from '../../core/maintenance-watch.js';
import type { Monitor } from '../../core/monitor-definition.js';
import { findIncident } from '../../store/incidents-store.js';
import { listMaintenances, listOccurrences } from '../../store/maintenances-store.js';
import type { Schema } from '../../store/schema.js';

/**
 * The unresolved incident a watch opened on a window that covers `monitor` and is still in its watch
 * period: a monitor failing now joins it rather than opening a second incident for one failure.
 */
export async function findOpenWatchIncident(
  trx: Transaction<Schema>,
  monitor: Monitor,
  now: Date,
): Promise<string | null> {
  const watched = (
    await listOccurrences(trx, {
      pageId: monitor.pageId,
      statuses: ['completed'],
      watchedAt: now.toISOString(),
      limit: 100,
      order: 'desc',
    })
  ).filter((o) => o.watchIncidentId !== null);
  if (watched.length === 0) return null;
  const maintenances = await listMaintenances(trx, {
    ids: [...new Set(watched.map((o) => o.maintenanceId))],
    includeDeleted: true,
  });
  for (const o of watched) {
    const m = maintenances.find((x) => x.id === o.maintenanceId);
    if (!m || watchedMonitors(m, [monitor]).length === 0) continue;
    const incident = await findIncident(trx, o.watchIncidentId!);
    if (incident && !incident.deletedAt && incident.status !== 'resolved') return incident.id;
  }
  return null;
}
