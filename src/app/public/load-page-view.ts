import { rollUpPageStatus, type PageStatus } from '../../core/page-status.js';
import type { ComponentGroup, ComponentWithStatus, Page, Segment } from '../../core/model.js';
import { listGroups } from '../../store/groups-store.js';
import { listSegments } from '../../store/segments-store.js';
import { loadComponentsWithStatus } from '../components/load-component-statuses.js';
import type { Db } from '../context.js';
import { listIncidentDetails } from '../incidents/list-incidents.js';
import type { IncidentDetail } from '../incidents/load-incident-detail.js';
import { loadPageMaintenances, type MaintenanceDetail } from '../maintenance/load-maintenance-details.js';

/** Statuspage lists at most this many incidents in incidents.json. */
export const RECENT_INCIDENT_LIMIT = 50;

/** Everything the public side of one page shows, read in one go. */
export interface PageView {
  page: Page;
  groups: ComponentGroup[];
  segments: Segment[];
  /** Live components in display order, with statuses. */
  components: ComponentWithStatus[];
  /** The page roll-up from its components. */
  status: PageStatus;
  /** Unresolved incidents, most recently started first. */
  unresolvedIncidents: IncidentDetail[];
  /** The 50 most recent incidents (unresolved and resolved), most recently started first. */
  recentIncidents: IncidentDetail[];
  /** Upcoming, in-progress and verifying maintenance windows, soonest first. */
  openMaintenances: MaintenanceDetail[];
  /** The 50 most recent maintenance windows (not cancelled), latest start first. */
  recentMaintenances: MaintenanceDetail[];
  /** When this view was read. */
  generatedAt: string;
}

/** Read the public view of a page. */
export async function loadPageView(db: Db, page: Page, now: Date): Promise<PageView> {
  const [groups, segments, components, recentIncidents] = await Promise.all([
    listGroups(db, page.id),
    listSegments(db, page.id),
    loadComponentsWithStatus(db, page.id),
    listIncidentDetails(db, { pageId: page.id, limit: RECENT_INCIDENT_LIMIT }, now),
  ]);
  // An unresolved incident older than the 50 most recent must still show as unresolved.
  const unresolvedIncidents = await listIncidentDetails(db, { pageId: page.id, state: 'unresolved', limit: 1000 }, now);
  const maintenances = await loadPageMaintenances(db, page.id);
  return {
    page,
    groups,
    segments,
    components,
    status: rollUpPageStatus(components.map((c) => c.status)),
    unresolvedIncidents,
    recentIncidents,
    openMaintenances: maintenances.open,
    recentMaintenances: maintenances.recent,
    generatedAt: now.toISOString(),
  };
}
