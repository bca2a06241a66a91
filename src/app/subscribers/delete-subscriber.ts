import { notFound } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findSubscriber, saveSubscriber } from '../../store/subscribers-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';

/** Remove a subscriber (kept as deleted so its delivery history stays readable; links revoked). */
export async function deleteSubscriber(app: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  await runWrite(app, async (trx) => {
    const subscriber = await findSubscriber(trx, id);
    if (!subscriber || subscriber.deletedAt)
      throw notFound('SUBSCRIBER_NOT_FOUND', `No subscriber has the id "${id}".`);
    const at = app.now().toISOString();
    await saveSubscriber(trx, {
      ...subscriber,
      deletedAt: at,
      tokenGeneration: subscriber.tokenGeneration + 1,
      updatedAt: at,
    });
    await audit(trx, app, actor, {
      action: 'subscriber.deleted',
      targetType: 'subscriber',
      targetId: id,
      pageId: subscriber.pageId,
    });
    return { value: undefined, changedPageIds: [] };
  });
}
