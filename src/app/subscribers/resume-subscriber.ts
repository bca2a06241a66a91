import { notFound } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findSubscriber, saveSubscriber, type StoredSubscriber } from '../../store/subscribers-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';

/** Take a parked endpoint out of quarantine; its parked deliveries stay parked (resend them one by one). */
export async function resumeSubscriber(app: AppContext, actor: Actor, id: string): Promise<StoredSubscriber> {
  requireRole(actor, 'admin');
  return runWrite(app, async (trx) => {
    const subscriber = await findSubscriber(trx, id);
    if (!subscriber || subscriber.deletedAt)
      throw notFound('SUBSCRIBER_NOT_FOUND', `No subscriber has the id "${id}".`);
    const next = { ...subscriber, quarantinedAt: null, updatedAt: app.now().toISOString() };
    await saveSubscriber(trx, next);
    await audit(trx, app, actor, {
      action: 'subscriber.resumed',
      targetType: 'subscriber',
      targetId: id,
      pageId: subscriber.pageId,
    });
    return { value: next, changedPageIds: [] };
  });
}
