import { DomainError } from '../../core/errors.js';
import { findSubscriber, type StoredSubscriber } from '../../store/subscribers-store.js';
import type { AppContext, Db } from '../context.js';
import { subscriberKey, tokenSubscriberId, verifySubscriberToken, type TokenPurpose } from './subscriber-tokens.js';

/**
 * The live subscriber a link's token names, or SUBSCRIPTION_LINK_INVALID: an unknown, tampered,
 * expired or revoked token all read the same, so a token reveals nothing about other subscribers.
 */
export async function subscriberByToken(
  app: AppContext,
  db: Db,
  token: string,
  purpose: TokenPurpose,
): Promise<StoredSubscriber> {
  const id = tokenSubscriberId(token);
  const subscriber = id ? await findSubscriber(db, id) : undefined;
  const key = await subscriberKey(app);
  if (!subscriber || subscriber.deletedAt || !verifySubscriberToken(key, token, subscriber, purpose, app.now())) {
    throw new DomainError(
      'gone',
      'SUBSCRIPTION_LINK_INVALID',
      'This link is not valid any more: it expired, was already used to unsubscribe, or was mistyped. Subscribe again from the status page.',
    );
  }
  return subscriber;
}
