import { watchCadenceMs, watchedMonitors } from '../../core/maintenance-watch.js';
import { listMaintenances, listOccurrences } from '../../store/maintenances-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import type { AppContext } from '../context.js';

/**
 * How often each monitor under a maintenance watch should run now, by monitor id (ms): the
 * monitors on the components of windows completed less than `watch_minutes` ago, and their
 * validation monitors, run every 30 s at most. The check scheduler reads it with each reload.
 */
export async function loadWatchCadences(app: AppContext): Promise<Map<string, number>> {
  const cadences = new Map<string, number>();
  const windows = await listOccurrences(app.db, {
    statuses: ['completed'],
    watchedAt: app.now().toISOString(),
    limit: 500,
    order: 'asc',
  });
  if (windows.length === 0) return cadences;
  // A deleted maintenance is no longer watched (the clock skips it too).
  const maintenances = await listMaintenances(app.db, { ids: [...new Set(windows.map((w) => w.maintenanceId))] });
  const monitors = await listMonitors(app.db);
  for (const m of maintenances) {
    const onPage = monitors.filter((x) => x.pageId === m.pageId);
    for (const monitor of watchedMonitors(m, onPage)) cadences.set(monitor.id, watchCadenceMs(monitor));
  }
  return cadences;
}
