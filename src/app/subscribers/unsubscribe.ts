import { saveSubscriber } from '../../store/subscribers-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { PUBLIC_SUBSCRIBER } from './request-subscription.js';
import { subscriberByToken } from './subscriber-by-token.js';

/**
 * Unsubscribe with the token of a manage or unsubscribe link (RFC 8058 one-click POST included).
 * The row is kept, marked deleted, with its links revoked; deliveries not sent yet are dropped.
 */
export async function unsubscribe(app: AppContext, token: string): Promise<void> {
  await runWrite(app, async (trx) => {
    const subscriber = await subscriberByToken(app, trx, token, 'manage');
    const at = app.now().toISOString();
    await saveSubscriber(trx, {
      ...subscriber,
      tokenGeneration: subscriber.tokenGeneration + 1,
      deletedAt: at,
      updatedAt: at,
    });
    await audit(trx, app, PUBLIC_SUBSCRIBER, {
      action: 'subscriber.unsubscribed',
      targetType: 'subscriber',
      targetId: subscriber.id,
      pageId: subscriber.pageId,
    });
    return { value: undefined, changedPageIds: [] };
  });
}
