import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { createEmptyTestDatabase, testDialect } from './test-support/test-database.js';

const onlyOnPostgres = testDialect() === 'postgres' ? false : 'needs PostgreSQL (set PHAROS_TEST_DATABASE_URL)';

/** Each migration name recorded by Kysely, with how many times it was recorded. */
async function recordedMigrations(database: Database): Promise<Map<string, number>> {
  const { rows } = await sql<{ name: string; n: number | string }>`
    select name, count(*) as n from kysely_migration group by name order by name
  `.execute(database.db);
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

test('migrating a fresh database creates the schema, and migrating again does nothing', async (t) => {
  const empty = await createEmptyTestDatabase();
  t.after(() => empty.cleanup());
  const database = empty.open();

  const applied = await migrateToLatest(database);
  assert.ok(applied.includes('0001-initial'), `applied: ${applied.join(', ')}`);

  const now = new Date().toISOString();
  await database.db
    .insertInto('pages')
    .values({
      id: 'page_1',
      slug: 'acme',
      name: 'Acme',
      time_zone: 'Europe/Berlin',
      url: null,
      default_lang: 'en',
      is_default: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const page = await database.db.selectFrom('pages').selectAll().where('id', '=', 'page_1').executeTakeFirstOrThrow();
  assert.equal(page.slug, 'acme');
  assert.equal(page.time_zone, 'Europe/Berlin');
  assert.equal(page.created_at, now);

  assert.deepEqual(await migrateToLatest(database), []);
  const recorded = await recordedMigrations(database);
  assert.deepEqual([...recorded.keys()], applied.toSorted());
  assert.ok([...recorded.values()].every((n) => n === 1));
});

test(
  'two nodes migrating the same PostgreSQL database at once apply each migration exactly once',
  { skip: onlyOnPostgres },
  async (t) => {
    const empty = await createEmptyTestDatabase();
    t.after(() => empty.cleanup());
    const first = empty.open();
    const second = empty.open();

    const results = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);

    const winners = results.filter((r) => r.length > 0);
    assert.equal(winners.length, 1, `results: ${JSON.stringify(results)}`);
    assert.ok(winners[0]?.includes('0001-initial'));
    assert.equal(results.filter((r) => r.length === 0).length, 1);

    const recorded = await recordedMigrations(first);
    assert.deepEqual([...recorded.keys()], winners[0]?.toSorted());
    assert.ok(
      [...recorded.values()].every((n) => n === 1),
      `recorded: ${JSON.stringify([...recorded])}`,
    );
  },
);

test(
  'four nodes starting at once on PostgreSQL: one migrates, three find nothing to do',
  { skip: onlyOnPostgres },
  async (t) => {
    const empty = await createEmptyTestDatabase();
    t.after(() => empty.cleanup());
    const nodes = Array.from({ length: 4 }, () => empty.open());

    const results = await Promise.all(nodes.map((node) => migrateToLatest(node)));

    const winners = results.filter((r) => r.length > 0);
    assert.equal(winners.length, 1, `results: ${JSON.stringify(results)}`);
    assert.ok(winners[0]?.includes('0001-initial'));
    assert.equal(results.filter((r) => r.length === 0).length, 3);

    const recorded = await recordedMigrations(nodes[0]!);
    assert.deepEqual([...recorded.keys()], winners[0]?.toSorted());
    assert.ok(
      [...recorded.values()].every((n) => n === 1),
      `recorded: ${JSON.stringify([...recorded])}`,
    );

    // Every node sees the schema.
    for (const node of nodes) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from pages`.execute(node.db);
      assert.equal(Number(rows[0]?.n), 0);
    }
  },
);
