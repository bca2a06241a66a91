import type { Transaction } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { ValidationCheck } from '../../core/maintenance-validation.js';
import type { Actor, Maintenance, MaintenanceOccurrence } from '../../core/model.js';
import {
  claimValidationIncident,
  findOccurrence,
  markValidationAlerted,
  recordValidation,
} from '../../store/maintenances-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { writeIncident } from '../incidents/create-incident.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { transitionOccurrence } from './transition-occurrence.js';

/** What verifying one window led to. */
export type VerifyOutcome = 'completed' | 'still_failing' | 'incident_opened' | 'skipped';

/** The outcome, and whether this check was the one that alerted the team. */
export interface Verified {
  outcome: VerifyOutcome;
  alerted: boolean;
}

/**
 * Apply one validation check (the URL, the validation monitors, or both: `runValidationChecks`) to
 * a window in `verifying` (seed 000: "the maintenance completed successfully" and failed hours
 * later). A pass completes the window. A failure keeps it in `verifying`: the first one alerts the
 * team through the outbox (once per window), and once it has failed (or had no result) for longer
 * than the grace period an incident opens on the affected components, exactly once even if several
 * nodes verify at the same moment.
 */
export async function verifyOccurrence(
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrenceId: string,
  check: ValidationCheck,
  targets: string = maintenance.validationUrl ?? 'the validation monitors',
): Promise<Verified> {
  try {
    return await app.db
      .transaction()
      .execute((trx) => verifyInTransaction(trx, app, actor, maintenance, occurrenceId, check, targets));
  } catch (error) {
    // Another node linked its incident first: our copy rolled back with this transaction.
    if (error instanceof DomainError && error.code === 'VALIDATION_INCIDENT_TAKEN')
      return { outcome: 'still_failing', alerted: false };
    throw error;
  }
}

async function verifyInTransaction(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrenceId: string,
  check: ValidationCheck,
  targets: string,
): Promise<Verified> {
  const current = await findOccurrence(trx, occurrenceId);
  if (!current || current.status !== 'verifying') return { outcome: 'skipped', alerted: false };
  await recordValidation(trx, occurrenceId, check);
  if (check.ok) {
    const moved = await transitionOccurrence(trx, app, actor, maintenance, current, {
      to: 'completed',
      automatic: true,
      message: `Verified end to end: ${check.reason}. The scheduled maintenance has been completed.`,
    });
    return { outcome: moved ? 'completed' : 'skipped', alerted: false };
  }
  const alerted = !check.pending && (await alertTeam(trx, app, maintenance, current, check));
  if (current.validationIncidentId || !overdue(current, maintenance, app.now())) {
    return { outcome: 'still_failing', alerted };
  }
  const incident = await writeIncident(trx, app, actor, {
    pageId: current.pageId,
    name: `${maintenance.name}: services failing after maintenance`,
    status: 'investigating',
    message:
      `The maintenance window ended at ${current.endsAt}, but the post-maintenance check of ${targets} ` +
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
  return { outcome: 'incident_opened', alerted };
}

/**
 * Tell the operators that a window's validation fails, once per window (a compare-and-set on the
 * window): an operator alert in the outbox, which the dispatcher sends to PHAROS_ALERT_WEBHOOK_URL.
 * Subscribers never receive it.
 */
async function alertTeam(
  trx: Transaction<Schema>,
  app: AppContext,
  maintenance: Maintenance,
  occurrence: MaintenanceOccurrence,
  check: ValidationCheck,
): Promise<boolean> {
  if (!(await markValidationAlerted(trx, occurrence.id, app.now().toISOString()))) return false;
  await enqueueNotification(trx, app, {
    pageId: occurrence.pageId,
    kind: 'maintenance.validation_failed',
    ref: {
      maintenance_id: maintenance.id,
      occurrence_id: occurrence.id,
      reason: `Post-maintenance validation of "${maintenance.name}" fails: ${check.reason}. The window stays in verifying; an incident opens after ${maintenance.validationGraceMinutes} minutes.`,
    },
    componentIds: maintenance.components.map((c) => c.componentId),
  });
  return true;
}

function overdue(o: MaintenanceOccurrence, m: Maintenance, now: Date): boolean {
  const since = Date.parse(o.verifyingSince ?? o.endsAt);
  return now.getTime() - since >= m.validationGraceMinutes * 60_000;
}
