import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ensureInstanceKey } from '../../store/instance-keys-store.js';
import type { AppContext } from '../context.js';

// Links in messages (confirm, manage, unsubscribe) carry a token signed with an instance key rather
// than a stored random secret: every one of 100,000 e-mails needs its subscriber's link, and a
// hash-only store could not write it again. Bumping a subscriber's token generation revokes them all.

/** What a token lets its holder do. */
export type TokenPurpose = 'confirm' | 'manage';

const PURPOSE_CODES: Record<TokenPurpose, string> = { confirm: 'c', manage: 'm' };
const keys = new WeakMap<object, Promise<string>>();

/** The instance's subscriber-link key, created on first use and cached per database. */
export function subscriberKey(app: AppContext): Promise<string> {
  let key = keys.get(app.db);
  if (!key) {
    key = ensureInstanceKey(
      app.db,
      'subscriber-links',
      () => randomBytes(32).toString('base64url'),
      app.now().toISOString(),
    );
    key.catch(() => keys.delete(app.db));
    keys.set(app.db, key);
  }
  return key;
}

function mac(key: string, body: string, generation: number): string {
  return createHmac('sha256', key).update(`${body}.${generation}`).digest('base64url').slice(0, 32);
}

/** A token for `purpose` on a subscriber; `expiresAt` (ms) of 0 means it does not expire. */
export function signSubscriberToken(
  key: string,
  subscriber: { id: string; tokenGeneration: number },
  purpose: TokenPurpose,
  expiresAt = 0,
): string {
  const body = `${subscriber.id}.${PURPOSE_CODES[purpose]}.${Math.floor(expiresAt / 1000).toString(36)}`;
  return `${body}.${mac(key, body, subscriber.tokenGeneration)}`;
}

/** The subscriber id a token names, before it is checked against the subscriber's generation. */
export function tokenSubscriberId(token: string): string | null {
  const match = /^([0-9a-z]{12})\.[cm]\.[0-9a-z]+\.[A-Za-z0-9_-]{32}$/.exec(token);
  return match ? match[1]! : null;
}

/** Whether a token is valid for this subscriber, purpose and time (constant-time compare). */
export function verifySubscriberToken(
  key: string,
  token: string,
  subscriber: { id: string; tokenGeneration: number },
  purpose: TokenPurpose,
  now: Date,
): boolean {
  const [id, code, expires, given] = token.split('.');
  if (id !== subscriber.id || code !== PURPOSE_CODES[purpose] || !expires || !given) return false;
  const expiresMs = parseInt(expires, 36) * 1000;
  if (expiresMs !== 0 && expiresMs < now.getTime()) return false;
  const expected = Buffer.from(mac(key, `${id}.${code}.${expires}`, subscriber.tokenGeneration));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
