import { messageLanguage } from '../../core/notification.js';
import { saveSubscriber, type StoredSubscriber } from '../../store/subscribers-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { PUBLIC_SUBSCRIBER } from './request-subscription.js';
import { checkSubscriberComponents } from './subscriber-fields.js';
import { subscriberByToken } from './subscriber-by-token.js';

/** A subscriber's own changes from the manage page. */
export interface OwnSubscriptionChanges {
  componentIds: string[];
  language?: string;
}

/** Change what a subscriber hears about (components, language) from their manage link. */
export async function updateOwnSubscription(
  app: AppContext,
  token: string,
  changes: OwnSubscriptionChanges,
): Promise<StoredSubscriber> {
  return runWrite(app, async (trx) => {
    const subscriber = await subscriberByToken(app, trx, token, 'manage');
    const componentIds = await checkSubscriberComponents(trx, subscriber.pageId, changes.componentIds);
    const at = app.now().toISOString();
    const next = {
      ...subscriber,
      componentIds,
      language: changes.language ? messageLanguage(changes.language) : subscriber.language,
      updatedAt: at,
    };
    await saveSubscriber(trx, next);
    await audit(trx, app, PUBLIC_SUBSCRIBER, {
      action: 'subscriber.updated',
      targetType: 'subscriber',
      targetId: subscriber.id,
      pageId: subscriber.pageId,
      after: { component_ids: componentIds, language: next.language },
    });
    return { value: next, changedPageIds: [] };
  });
}

/** The subscriber a manage link names (for showing the manage page). */
export function loadOwnSubscription(app: AppContext, token: string): Promise<StoredSubscriber> {
  return subscriberByToken(app, app.db, token, 'manage');
}
