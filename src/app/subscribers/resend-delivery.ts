import { notFound } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findDelivery, requeueDelivery } from '../../store/deliveries-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';

/** Send a delivery again now (a failed or parked one, or a delivered one on request). */
export async function resendDelivery(app: AppContext, actor: Actor, id: number): Promise<void> {
  requireRole(actor, 'admin');
  await runWrite(app, async (trx) => {
    const delivery = await findDelivery(trx, id);
    if (!delivery) throw notFound('DELIVERY_NOT_FOUND', `No delivery has the id ${id}.`);
    await requeueDelivery(trx, id, app.now().toISOString());
    app.onNotificationQueued?.();
    await audit(trx, app, actor, {
      action: 'delivery.resent',
      targetType: 'delivery',
      targetId: String(id),
      pageId: delivery.pageId,
      before: { status: delivery.status, attempts: delivery.attempts },
    });
    return { value: undefined, changedPageIds: [] };
  });
}
