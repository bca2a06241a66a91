import type { Page } from '../../core/model.js';
import { listIncidentDetails } from '../incidents/list-incidents.js';
import type { IncidentDetail } from '../incidents/load-incident-detail.js';
import type { Db } from '../context.js';
import { loadMaintenanceCalendar } from './load-maintenance-calendar.js';
import { loadPageView, type PageView } from './load-page-view.js';

/** How many incidents the history pages and incident pages of a snapshot hold. */
export const HISTORY_INCIDENT_LIMIT = 500;

/** Everything the public side of a page shows, read from the database in one go. */
export interface PublicSnapshotSource {
  view: PageView;
  history: IncidentDetail[];
  calendar: string;
}

/** Read what a page's public snapshot is built from. */
export async function loadPublicSnapshot(
  db: Db,
  page: Page,
  now: Date,
  opts: { uidDomain: string },
): Promise<PublicSnapshotSource> {
  const view = await loadPageView(db, page, now);
  const history = await listIncidentDetails(db, { pageId: page.id, limit: HISTORY_INCIDENT_LIMIT }, now);
  const calendar = await loadMaintenanceCalendar(db, page, opts.uidDomain, now);
  return { view, history, calendar };
}
