import { buildMaintenanceCalendar } from '../../core/ical-calendar.js';
import type { Page } from '../../core/model.js';
import { listMaintenances, listOccurrences } from '../../store/maintenances-store.js';
import type { Db } from '../context.js';

/** The page's maintenance calendar (iCalendar text): every live series and one-off window. */
export async function loadMaintenanceCalendar(db: Db, page: Page, uidDomain: string, now: Date): Promise<string> {
  const maintenances = await listMaintenances(db, { pageId: page.id });
  const oneOffIds = maintenances.filter((m) => m.kind === 'one_off').map((m) => m.id);
  const recurringIds = maintenances.filter((m) => m.kind === 'recurring').map((m) => m.id);
  const occurrences = [
    ...(await listOccurrences(db, { maintenanceIds: oneOffIds, limit: 1000, order: 'desc' })),
    ...(await listOccurrences(db, {
      maintenanceIds: recurringIds,
      statuses: ['cancelled'],
      limit: 1000,
      order: 'desc',
    })),
  ];
  return buildMaintenanceCalendar({
    name: `${page.name} maintenance`,
    uidDomain,
    maintenances,
    occurrences,
    now: now.toISOString(),
  });
}
