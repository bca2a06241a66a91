import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { saveSubscriber } from '../../store/subscribers-store.js';
import { PUBLIC_SUBSCRIBER } from './request-subscription.js';
import { subscriberByToken } from './subscriber-by-token.js';

/** Confirm a subscription from the link in its confirmation e-mail; confirming twice is harmless. */
export async function confirmSubscription(app: AppContext, token: string): Promise<{ pageId: string }> {
  return runWrite(app, async (trx) => {
    const subscriber = await subscriberByToken(app, trx, token, 'confirm');
    if (!subscriber.confirmedAt) {
      const at = app.now().toISOString();
      await saveSubscriber(trx, { ...subscriber, confirmedAt: at, confirmExpiresAt: null, updatedAt: at });
      await audit(trx, app, PUBLIC_SUBSCRIBER, {
        action: 'subscriber.confirmed',
        targetType: 'subscriber',
        targetId: subscriber.id,
        pageId: subscriber.pageId,
      });
    }
    return { value: { pageId: subscriber.pageId }, changedPageIds: [] };
  });
}
