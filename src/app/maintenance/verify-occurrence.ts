import type { Transaction } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { CheckResult, Maintenance, MaintenanceOccurrence } from '../../core/model.js';
import { claimValidationIncident, findOccurrence, recordValidation } from '../../store/maintenances-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { writeIncident } from '../incidents/create-incident.js';
import { transitionOccurrence } from './transition-occurrence.js';
import type { Actor } from '../../core/model.js';

/** What verifying one window led to. */
export type VerifyOutcome = 'completed' | 'still_failing' | 'incident_opened' | 'skipped';

/**
 * Apply one validation check to a window in `verifying` (seed 000: "the maintenance completed
 * successfully" and failed hours later). A pass completes the window. A failure keeps it in
 * `verifying`; once it has failed for longer than the grace period an incident opens on the
 * affected components, exactly once even if several nodes verify at the same moment.
 */
export async function verifyOccurrence(
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrenceId: string,
  check: CheckResult,
): Promise<VerifyOutcome> {
  try {
    return await app.db
      .transaction()
      .execute((trx) => verifyInTransaction(trx, app, actor, maintenance, occurrenceId, check));
  } catch (error) {
    // Another node linked its incident first: our copy rolled back with this transaction.
    if (error instanceof DomainError && error.code === 'VALIDATION_INCIDENT_TAKEN') return 'still_failing';
    throw error;
  }
}

async function verifyInTransaction(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrenceId: string,
  check: CheckResult,
): Promise<VerifyOutcome> {
  const current = await findOccurrence(trx, occurrenceId);
  if (!current || current.status !== 'verifying') return 'skipped';
  await recordValidation(trx, occurrenceId, check);
  if (check.ok) {
    const moved = await transitionOccurrence(trx, app, actor, maintenance, current, {
      to: 'completed',
      automatic: true,
      message: `Verified end to end: ${maintenance.validationUrl} answered in ${check.ms} ms. The scheduled maintenance has been completed.`,
    });
    return moved ? 'completed' : 'skipped';
  }
  if (current.validationIncidentId || !overdue(current, maintenance, app.now())) return 'still_failing';
  const incident = await writeIncident(trx, app, actor, {
    pageId: current.pageId,
    name: `${maintenance.name}: services failing after maintenance`,
    status: 'investigating',
    message:
      `The maintenance window ended at ${current.endsAt}, but the post-maintenance check of ${maintenance.validationUrl} ` +
      `still fails (${check.reason}) after ${maintenance.validationGraceMinutes} minutes. We are investigating.`,
    components: maintenance.components.map((c) => ({
      componentId: c.componentId,
      segmentId: c.segmentId,
      status: 'major_outage' as const,
    })),
  });
  if (!(await claimValidationIncident(trx, occurrenceId, incident.id))) {
    throw new DomainError('conflict', 'VALIDATION_INCIDENT_TAKEN', 'Another node opened the validation incident.');
  }
  return 'incident_opened';
}

function overdue(o: MaintenanceOccurrence, m: Maintenance, now: Date): boolean {
  const since = Date.parse(o.verifyingSince ?? o.endsAt);
  return now.getTime() - since >= m.validationGraceMinutes * 60_000;
}
