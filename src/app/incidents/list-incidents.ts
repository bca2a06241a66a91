import type { Db } from '../context.js';
import { listIncidents, type IncidentFilter } from '../../store/incidents-store.js';
import { loadIncidentDetails, type IncidentDetail } from './load-incident-detail.js';

/** Incidents of a page in full, most recently started first. */
export async function listIncidentDetails(db: Db, filter: IncidentFilter, now: Date): Promise<IncidentDetail[]> {
  return loadIncidentDetails(db, await listIncidents(db, filter), now);
}
