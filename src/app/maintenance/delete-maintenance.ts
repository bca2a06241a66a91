import { notFound } from '../../core/errors.js';
import { isFinal } from '../../core/maintenance-lifecycle.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { listMaintenances, listOccurrences, markMaintenanceDeleted } from '../../store/maintenances-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { transitionOccurrence } from './transition-occurrence.js';

/** Delete a maintenance (or a whole series): every window not yet finished is cancelled; history stays. */
export async function deleteMaintenance(app: AppContext, actor: Actor, maintenanceId: string): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const [maintenance] = await listMaintenances(trx, { ids: [maintenanceId] });
    if (!maintenance) throw notFound('MAINTENANCE_NOT_FOUND', `No maintenance has the id "${maintenanceId}".`);
    const open = await listOccurrences(trx, { maintenanceIds: [maintenanceId], limit: 1000, order: 'asc' });
    for (const occurrence of open.filter((o) => !isFinal(o.status))) {
      await transitionOccurrence(trx, app, actor, maintenance, occurrence, { to: 'cancelled', automatic: false });
    }
    await markMaintenanceDeleted(trx, maintenanceId, app.now().toISOString());
    await audit(trx, app, actor, {
      action: 'maintenance.deleted',
      targetType: 'maintenance',
      targetId: maintenanceId,
      pageId: maintenance.pageId,
      before: maintenance,
    });
    return { value: undefined, changedPageIds: [maintenance.pageId] };
  });
}
