import { DomainError, notFound } from '../../core/errors.js';
import { findIncident, type StoredIncident } from '../../store/incidents-store.js';
import type { Db } from '../context.js';

/** A live incident, INCIDENT_NOT_FOUND, or INCIDENT_DELETED when it existed but was deleted. */
export async function requireIncident(db: Db, id: string): Promise<StoredIncident> {
  const incident = await findIncident(db, id);
  if (!incident) throw notFound('INCIDENT_NOT_FOUND', `No incident has the id "${id}".`);
  if (incident.deletedAt) {
    throw new DomainError(
      'gone',
      'INCIDENT_DELETED',
      `Incident "${id}" was deleted on ${incident.deletedAt}; it can no longer change.`,
    );
  }
  return incident;
}
