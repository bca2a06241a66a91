import type { ComponentWithStatus, Maintenance, MaintenanceOccurrence, MaintenanceUpdate } from '../../core/model.js';
import { findLiveComponentsByIds } from '../../store/components-store.js';
import { listMaintenanceUpdates, listMaintenances, listOccurrences } from '../../store/maintenances-store.js';
import { withStatuses } from '../components/load-component-statuses.js';
import type { Db } from '../context.js';

/** One maintenance window with what readers need: its definition, updates and components. */
export interface MaintenanceDetail extends MaintenanceOccurrence {
  maintenance: Maintenance;
  /** Newest first. */
  updates: MaintenanceUpdate[];
  /** The affected components that still exist, with their current status. */
  currentComponents: ComponentWithStatus[];
}

/** Attach definitions, updates and components to occurrences. */
export async function loadMaintenanceDetails(
  db: Db,
  occurrences: MaintenanceOccurrence[],
): Promise<MaintenanceDetail[]> {
  if (occurrences.length === 0) return [];
  // Deleted series keep their completed windows in history.
  const maintenances = await listMaintenances(db, {
    ids: [...new Set(occurrences.map((o) => o.maintenanceId))],
    includeDeleted: true,
  });
  const updates = await listMaintenanceUpdates(
    db,
    occurrences.map((o) => o.id),
  );
  const componentIds = [...new Set(maintenances.flatMap((m) => m.components.map((c) => c.componentId)))];
  const live = await findLiveComponentsByIds(db, componentIds);
  const withStatus = live.length ? await withStatuses(db, live[0]!.pageId, live) : [];
  return occurrences.flatMap((o) => {
    const maintenance = maintenances.find((m) => m.id === o.maintenanceId);
    if (!maintenance) return [];
    const ids = new Set(maintenance.components.map((c) => c.componentId));
    return [
      {
        ...o,
        maintenance,
        updates: updates.filter((u) => u.occurrenceId === o.id),
        currentComponents: withStatus.filter((c) => ids.has(c.id)),
      },
    ];
  });
}

/** The maintenance windows a page shows: upcoming and active ones, and the 50 most recent. */
export async function loadPageMaintenances(
  db: Db,
  pageId: string,
): Promise<{ open: MaintenanceDetail[]; recent: MaintenanceDetail[] }> {
  const open = await listOccurrences(db, {
    pageId,
    statuses: ['scheduled', 'in_progress', 'verifying'],
    limit: 200,
    order: 'asc',
  });
  const recent = await listOccurrences(db, {
    pageId,
    statuses: ['scheduled', 'in_progress', 'verifying', 'completed'],
    limit: 50,
    order: 'desc',
  });
  const details = await loadMaintenanceDetails(db, [
    ...open,
    ...recent.filter((r) => !open.some((o) => o.id === r.id)),
  ]);
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    open: open.map((o) => byId.get(o.id)).filter((d): d is MaintenanceDetail => d !== undefined),
    recent: recent.map((o) => byId.get(o.id)).filter((d): d is MaintenanceDetail => d !== undefined),
  };
}
