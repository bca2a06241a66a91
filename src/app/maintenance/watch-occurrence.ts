import type { Transaction } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { ValidationCheck } from '../../core/maintenance-validation.js';
import { isWatching, watchedMonitors, watchIncidentText } from '../../core/maintenance-watch.js';
import type { Actor, Maintenance } from '../../core/model.js';
import { findComponentsByIds } from '../../store/components-store.js';
import { findIncident } from '../../store/incidents-store.js';
import { claimWatchIncident, findOccurrence, recordValidation } from '../../store/maintenances-store.js';
import { loadMonitorStates } from '../../store/monitor-states-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { writeIncident } from '../incidents/create-incident.js';
import { noteOnEpisodeIncident } from '../monitors/monitor-incident.js';

/** What one look at a watched window led to. */
export type WatchOutcome = 'watching' | 'incident_opened' | 'incident_adopted' | 'skipped';

/**
 * Apply one check to a completed window under watch (seed 000: the failure came hours after the
 * maintenance "completed successfully"). A failure opens an incident at once, no grace period, that
 * names the maintenance and how long after it the failure came. When a monitor on the affected
 * components already opened its own automatic incident for the same failure, that incident is
 * adopted (a note names the maintenance) instead of opening a second one. Once per window, even
 * with several nodes.
 */
export async function watchOccurrence(
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrenceId: string,
  check: ValidationCheck,
): Promise<WatchOutcome> {
  try {
    return await app.db
      .transaction()
      .execute((trx) => watchInTransaction(trx, app, actor, maintenance, occurrenceId, check));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_INCIDENT_TAKEN') return 'watching';
    throw error;
  }
}

async function watchInTransaction(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrenceId: string,
  check: ValidationCheck,
): Promise<WatchOutcome> {
  const now = app.now();
  const current = await findOccurrence(trx, occurrenceId);
  if (!current || !isWatching(current, now)) return 'skipped';
  await recordValidation(trx, occurrenceId, check);
  if (check.ok || check.pending) return 'watching';
  const components = await findComponentsByIds(
    trx,
    maintenance.components.map((c) => c.componentId),
  );
  const text = watchIncidentText({
    maintenanceName: maintenance.name,
    componentNames: components.map((c) => c.name),
    finishedAt: current.finishedAt ?? current.endsAt,
    now,
    reason: check.reason,
  });
  const adopted = await adoptMonitorIncident(trx, app, actor, maintenance, text.message);
  const incidentId =
    adopted ??
    (
      await writeIncident(trx, app, actor, {
        pageId: current.pageId,
        name: text.name,
        status: 'investigating',
        message: text.message,
        components: maintenance.components.map((c) => ({
          componentId: c.componentId,
          segmentId: c.segmentId,
          status: 'major_outage' as const,
        })),
      })
    ).id;
  if (!(await claimWatchIncident(trx, occurrenceId, incidentId))) {
    throw new DomainError('conflict', 'VALIDATION_INCIDENT_TAKEN', 'Another node opened the watch incident.');
  }
  return adopted ? 'incident_adopted' : 'incident_opened';
}

/** An open automatic incident of a monitor on the affected components, noted with `message`; its id. */
async function adoptMonitorIncident(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  message: string,
): Promise<string | null> {
  const monitors = watchedMonitors(maintenance, await listMonitors(trx, { pageId: maintenance.pageId }));
  const states = await loadMonitorStates(
    trx,
    monitors.map((m) => m.id),
    { lock: true, dialect: app.dialect },
  );
  for (const m of monitors) {
    const s = states.get(m.id);
    if (!s?.incidentId || s.appliedStatus === 'operational' || s.takenOver || s.joinedRoot) continue;
    const incident = await findIncident(trx, s.incidentId);
    if (!incident || incident.deletedAt || incident.status === 'resolved') continue;
    await noteOnEpisodeIncident(trx, app, actor, s, message);
    return s.incidentId;
  }
  return null;
}
