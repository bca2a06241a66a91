import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { releaseLease, tryAcquireLease } from './leases-store.js';
import { createTestDatabase } from './test-support/test-database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.cleanup());

const at = (s: number) => new Date(Date.parse('2026-07-04T12:00:00Z') + s * 1000).toISOString();
const take = (holder: string, s: number) =>
  tryAcquireLease(database.db, { name: 'local-checks', holder, now: at(s), expiresAt: at(s + 30) });

test('one node holds the lease; another takes it only once it runs out or is released', async () => {
  assert.equal(await take('node-a', 0), true);
  assert.equal(await take('node-b', 1), false);
  assert.equal(await take('node-a', 10), true, 'renewed by its holder');
  assert.equal(await take('node-b', 39), false, 'still held until 12:00:40');
  assert.equal(await take('node-b', 41), true, 'taken over after it ran out');
  assert.equal(await take('node-a', 42), false);
  await releaseLease(database.db, 'local-checks', 'node-b');
  assert.equal(await take('node-a', 43), true);
});

test('two nodes racing for a free lease: exactly one wins', async () => {
  const results = await Promise.all([
    tryAcquireLease(database.db, { name: 'race', holder: 'x', now: at(0), expiresAt: at(30) }),
    tryAcquireLease(database.db, { name: 'race', holder: 'y', now: at(0), expiresAt: at(30) }),
  ]);
  assert.deepEqual(results.filter(Boolean).length, 1);
});
