import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signSubscriberToken, tokenSubscriberId, verifySubscriberToken } from './subscriber-tokens.js';

const key = 'k'.repeat(43);
const sub = { id: 'abcdefghijkl', tokenGeneration: 1 };
const now = new Date('2026-07-04T12:00:00.000Z');

test('a token works for its subscriber, purpose and generation only, and until it expires', () => {
  const manage = signSubscriberToken(key, sub, 'manage');
  assert.equal(tokenSubscriberId(manage), sub.id);
  assert.equal(verifySubscriberToken(key, manage, sub, 'manage', now), true);
  assert.equal(verifySubscriberToken(key, manage, sub, 'confirm', now), false);
  assert.equal(verifySubscriberToken(key, manage, { ...sub, tokenGeneration: 2 }, 'manage', now), false);
  assert.equal(verifySubscriberToken('other', manage, sub, 'manage', now), false);
  assert.equal(verifySubscriberToken(key, manage.slice(0, -1) + 'x', sub, 'manage', now), false);

  const confirm = signSubscriberToken(key, sub, 'confirm', now.getTime() + 1000);
  assert.equal(verifySubscriberToken(key, confirm, sub, 'confirm', now), true);
  assert.equal(verifySubscriberToken(key, confirm, sub, 'confirm', new Date(now.getTime() + 2000)), false);
  assert.equal(tokenSubscriberId('not-a-token'), null);
});
