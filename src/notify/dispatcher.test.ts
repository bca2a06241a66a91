import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createAppContext } from '../app/context.js';
import { ensureDefaultPage } from '../app/pages/ensure-default-page.js';
import { countDeliveriesByStatus } from '../store/deliveries-store.js';
import { insertSubscribers } from '../store/subscribers-store.js';
import { migrateToLatest } from '../store/migrate.js';
import { createEmptyTestDatabase } from '../store/test-support/test-database.js';
import type { Channel, OutboundMessage } from './channel.js';
import { createDispatcher } from './dispatcher.js';

// Several dispatchers (nodes) drain one outbox at once: every subscriber gets the message exactly
// once. On PostgreSQL each node has its own pool and claims with FOR UPDATE SKIP LOCKED; on SQLite
// the nodes share the one writer.

const empty = await createEmptyTestDatabase();
after(() => empty.cleanup());

test('three nodes drain one fan-out; each delivery is sent exactly once', async () => {
  const first = empty.open();
  await migrateToLatest(first);
  const handles = empty.dialect === 'postgres' ? [first, empty.open(), empty.open()] : [first, first, first];
  const apps = handles.map((h) => createAppContext(h.db, h.dialect));
  const page = await ensureDefaultPage(apps[0]!, { name: 'Nodes', timeZone: 'UTC' });
  const at = new Date().toISOString();
  const subscribers = Array.from({ length: 600 }, (_, i) => ({
    id: `s${i.toString(36).padStart(11, '0')}`,
    pageId: page.id,
    type: 'webhook' as const,
    audience: 'public' as const,
    address: `https://hooks.invalid/${i}`,
    contactEmail: null,
    language: 'en' as const,
    componentIds: [],
    confirmedAt: at,
    confirmExpiresAt: null,
    tokenGeneration: 1,
    quarantinedAt: null,
    hasSecret: false,
    secret: null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  }));
  await first.db.transaction().execute((trx) => insertSubscribers(trx, subscribers));
  const sent = new Map<string, string[]>();
  const recording = (node: string): Channel => ({
    async send(message: OutboundMessage) {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      sent.set(message.subscriber.id, [...(sent.get(message.subscriber.id) ?? []), node]);
      return { ok: true, statusCode: 200, reason: 'ok', ms: 1 };
    },
    close: () => Promise.resolve(),
  });
  const dispatchers = apps.map((app, i) =>
    createDispatcher(app, {
      channels: { webhook: recording(`node${i}`) },
      publicUrl: 'http://status.test',
      owner: `node${i}`,
      batchSize: 25,
      workers: 2,
    }),
  );
  // A component status change to the whole page (600 subscribers), drained by three nodes at once.
  const { createComponent } = await import('../app/components/create-component.js');
  const { updateComponent } = await import('../app/components/update-component.js');
  const admin = { type: 'system' as const, id: null, name: 'test', role: 'admin' as const };
  const component = await createComponent(apps[0]!, admin, { name: 'API', pageId: page.id });
  await updateComponent(apps[0]!, admin, component.id, { status: 'major_outage' });
  const runs = await Promise.all(dispatchers.map((d) => d.runOnce()));
  assert.equal(
    runs.reduce((n, r) => n + r.fannedOut, 0),
    600,
    'fanned out once in total',
  );
  assert.equal(sent.size, 600);
  for (const [id, nodes] of sent) assert.equal(nodes.length, 1, `${id} was sent by ${nodes.join(', ')}`);
  if (empty.dialect === 'postgres') {
    const nodesUsed = new Set([...sent.values()].flat());
    assert.ok(nodesUsed.size >= 2, `work was shared (${[...nodesUsed].join(', ')})`);
  }
  assert.deepEqual(await countDeliveriesByStatus(first.db), { delivered: 600 });
  for (const d of dispatchers) await d.stop();
});
