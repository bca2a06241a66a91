import { DomainError } from '../../core/errors.js';
import { automaticMessage, canMove, type MaintenanceStatus } from '../../core/maintenance-lifecycle.js';
import { watchUntil } from '../../core/maintenance-watch.js';
import type { Actor, ComponentRef, Maintenance, MaintenanceOccurrence } from '../../core/model.js';
import { updateComponent } from '../../store/components-store.js';
import { findComponentsByIds } from '../../store/components-store.js';
import { insertMaintenanceUpdate, lastMaintenanceSequence, moveOccurrence } from '../../store/maintenances-store.js';
import { touchPage } from '../../store/pages-store.js';
import { clearStatusSource, setStatusSource } from '../../store/status-sources-store.js';
import type { AppContext, Db } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { audit } from '../transaction.js';
import type { Transaction } from 'kysely';
import type { Schema } from '../../store/schema.js';

/** A move of one occurrence, by the clock or by an operator. */
export interface OccurrenceMove {
  to: MaintenanceStatus;
  message?: string;
  automatic: boolean;
  /** false: the operator's "do not notify" (the window's own flags still apply otherwise). */
  notify?: boolean;
}

/**
 * Move an occurrence inside the caller's transaction. The status change is a compare-and-set on the
 * current status, so when two nodes (or a node and its restarted self) race, exactly one applies it
 * and the other gets `false` and writes nothing. While a window is in progress its components are
 * held `under_maintenance` as a status source of their own, which never hides a worse incident.
 */
export async function transitionOccurrence(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  maintenance: Maintenance,
  occurrence: MaintenanceOccurrence,
  move: OccurrenceMove,
): Promise<boolean> {
  if (!canMove(occurrence.status, move.to)) {
    if (move.automatic) return false;
    throw new DomainError(
      'conflict',
      'INVALID_MAINTENANCE_TRANSITION',
      `This maintenance window is ${occurrence.status} and cannot move to ${move.to}.`,
      { from: occurrence.status, to: move.to },
    );
  }
  const at = app.now().toISOString();
  const moved = await moveOccurrence(trx, occurrence.id, occurrence.status, move.to, {
    at,
    startedAt: move.to === 'in_progress' && !occurrence.startedAt ? at : undefined,
    finishedAt: move.to === 'completed' || move.to === 'cancelled' ? at : undefined,
    verifyingSince: move.to === 'verifying' ? at : undefined,
    // The watch period starts when the window completes (seed 000 failed hours after that).
    watchUntil: move.to === 'completed' ? (watchUntil(at, maintenance.watchMinutes) ?? undefined) : undefined,
  });
  if (!moved) return false;

  await holdComponents(
    trx,
    maintenance.components,
    occurrence.id,
    move.to === 'in_progress' || move.to === 'verifying',
    at,
  );
  await insertMaintenanceUpdate(trx, {
    id: app.newId(),
    occurrenceId: occurrence.id,
    status: move.to,
    body: move.message ?? automaticMessage(move.to),
    displayAt: at,
    sequence: (await lastMaintenanceSequence(trx, occurrence.id)) + 1,
    automatic: move.automatic,
    createdAt: at,
    updatedAt: at,
  });
  await touchPage(trx, occurrence.pageId, at);
  const announce =
    (move.to === 'in_progress' && maintenance.notify?.start !== false) ||
    (move.to === 'completed' && maintenance.notify?.end !== false);
  if (announce && move.notify !== false) {
    await enqueueNotification(trx, app, {
      pageId: occurrence.pageId,
      kind: move.to === 'in_progress' ? 'maintenance.started' : 'maintenance.completed',
      ref: { maintenance_id: maintenance.id, occurrence_id: occurrence.id },
      componentIds: maintenance.components.map((c) => c.componentId),
    });
  }
  await audit(trx, app, actor, {
    action: `maintenance.${move.to}`,
    targetType: 'maintenance_occurrence',
    targetId: occurrence.id,
    pageId: occurrence.pageId,
    before: { status: occurrence.status },
    after: { status: move.to, automatic: move.automatic, maintenance_id: maintenance.id },
  });
  return true;
}

/**
 * Hold a window's components `under_maintenance` (its own status source), or release them; the
 * components' `updated_at` moves either way, as Statuspage clients expect.
 */
export async function holdComponents(
  db: Db,
  components: readonly ComponentRef[],
  occurrenceId: string,
  hold: boolean,
  at: string,
): Promise<void> {
  if (!hold) {
    await clearStatusSource(db, 'maintenance', occurrenceId);
  } else {
    for (const ref of components) {
      await setStatusSource(
        db,
        { componentId: ref.componentId, segmentId: ref.segmentId, sourceType: 'maintenance', sourceId: occurrenceId },
        'under_maintenance',
        at,
      );
    }
  }
  for (const component of await findComponentsByIds(
    db,
    components.map((c) => c.componentId),
  )) {
    await updateComponent(db, { ...component, updatedAt: at });
  }
}
