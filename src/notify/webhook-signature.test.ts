import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

test('the signature is HMAC-SHA256 of "<t>.<body>" in hex, as documented for receivers', () => {
  const body = '{"a":1}';
  const expected = createHmac('sha256', 'shh').update(`1700000000.${body}`).digest('hex');
  assert.equal(signWebhook('shh', 1700000000, body), `t=1700000000,v1=${expected}`);
  assert.equal(verifyWebhookSignature('shh', `t=1700000000,v1=${expected}`, body, 1700000100), true);
  assert.equal(verifyWebhookSignature('shh', `t=1700000000,v1=${expected}`, body, 1700000301), false);
  assert.equal(verifyWebhookSignature('shh', 'garbage', body, 1700000000), false);
  assert.equal(verifyWebhookSignature('shh', `t=1700000000,v1=00`, body, 1700000000), false);
});
