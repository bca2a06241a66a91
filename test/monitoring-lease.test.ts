import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAppContext } from '../src/app/context.js';
import { startLocalMonitoring, type LocalMonitoring } from '../src/checks/local-monitoring.js';
import { createTestDatabase } from '../src/store/test-support/test-database.js';

// Two server nodes on one database: only the lease holder runs location `local`'s checks.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.cleanup());

function node(signal: AbortSignal): LocalMonitoring {
  const quiet = { error: () => undefined, info: () => undefined, warn: () => undefined };
  return startLocalMonitoring(createAppContext(database.db, database.dialect), {
    signal,
    concurrency: 4,
    retention: { rawDays: 7, minuteDays: 3, hourDays: 90, dayDays: 365 },
    log: quiet,
  });
}

test('of two nodes started together exactly one runs the local checks', async () => {
  const stopA = new AbortController();
  const stopB = new AbortController();
  const a = node(stopA.signal);
  const b = node(stopB.signal);
  const deadline = Date.now() + 10_000;
  const active = () => [a, b].filter((n) => n.scheduler.takeStats().active).length;
  while (active() !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(active(), 1);
  // Let both renew once more: still exactly one.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(active(), 1);
  stopA.abort();
  stopB.abort();
  await Promise.all([a.stop(), b.stop()]);
  const leases = await database.db.selectFrom('monitor_leases').selectAll().execute();
  assert.deepEqual(leases, [], 'a clean stop gives the lease up');
});
