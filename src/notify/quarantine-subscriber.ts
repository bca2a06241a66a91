import type { Transaction } from 'kysely';
import type { AppContext } from '../app/context.js';
import { enqueueNotification } from '../app/notifications/enqueue-notification.js';
import { parkSubscriberDeliveries } from '../store/deliveries-store.js';
import type { Schema } from '../store/schema.js';
import { claimQuarantine, type StoredSubscriber } from '../store/subscribers-store.js';

/**
 * Park an endpoint that keeps failing: no more deliveries until an admin resumes it, its pending
 * ones parked, and a notice queued to its owner's contact address when it has one. Returns false
 * when it was already parked (by a concurrent batch), in which case nothing else is done.
 */
export async function quarantineSubscriber(
  trx: Transaction<Schema>,
  app: AppContext,
  subscriber: StoredSubscriber,
): Promise<boolean> {
  const at = app.now().toISOString();
  if (!(await claimQuarantine(trx, subscriber.id, at))) return false;
  await parkSubscriberDeliveries(trx, subscriber.id, at);
  // The team hears about it too (operator alert), whoever the owner is.
  await enqueueNotification(trx, app, {
    pageId: subscriber.pageId,
    kind: 'subscriber.parked',
    ref: { subscriber_id: subscriber.id },
  });
  if (subscriber.contactEmail) {
    await enqueueNotification(trx, app, {
      pageId: subscriber.pageId,
      kind: 'subscriber.quarantined',
      ref: { subscriber_id: subscriber.id },
      subscriberId: subscriber.id,
    });
  }
  return true;
}
