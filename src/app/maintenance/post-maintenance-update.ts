import { notFound } from '../../core/errors.js';
import type { MaintenanceStatus } from '../../core/maintenance-lifecycle.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import {
  findOccurrence,
  insertMaintenanceUpdate,
  lastMaintenanceSequence,
  listMaintenances,
} from '../../store/maintenances-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { transitionOccurrence } from './transition-occurrence.js';

/** An operator's update on one maintenance window, optionally moving its status. */
export interface PostMaintenanceUpdateInput {
  status?: MaintenanceStatus;
  message: string;
  /** false: do not notify subscribers of a start or end this update makes. */
  notify?: boolean;
}

/** Post an update on a maintenance window: start it early, complete it, cancel it, or just inform. */
export async function postMaintenanceUpdate(
  app: AppContext,
  actor: Actor,
  occurrenceId: string,
  input: PostMaintenanceUpdateInput,
): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const occurrence = await findOccurrence(trx, occurrenceId);
    if (!occurrence) throw notFound('MAINTENANCE_NOT_FOUND', `No maintenance window has the id "${occurrenceId}".`);
    const [maintenance] = await listMaintenances(trx, { ids: [occurrence.maintenanceId] });
    if (!maintenance)
      throw notFound('MAINTENANCE_NOT_FOUND', `The maintenance "${occurrence.maintenanceId}" was deleted.`);
    if (input.status && input.status !== occurrence.status) {
      await transitionOccurrence(trx, app, actor, maintenance, occurrence, {
        to: input.status,
        message: input.message,
        automatic: false,
        notify: input.notify,
      });
    } else {
      const at = app.now().toISOString();
      await insertMaintenanceUpdate(trx, {
        id: app.newId(),
        occurrenceId,
        status: occurrence.status,
        body: input.message,
        displayAt: at,
        sequence: (await lastMaintenanceSequence(trx, occurrenceId)) + 1,
        automatic: false,
        createdAt: at,
        updatedAt: at,
      });
      await touchPage(trx, occurrence.pageId, at);
      await audit(trx, app, actor, {
        action: 'maintenance.updated',
        targetType: 'maintenance_occurrence',
        targetId: occurrenceId,
        pageId: occurrence.pageId,
      });
    }
    return { value: undefined, changedPageIds: [occurrence.pageId] };
  });
}
