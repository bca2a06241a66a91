import type { Db } from '../app/context.js';

/**
 * The instance's key called `name`, created from `generate()` the first time it is asked for.
 * Two nodes asking at once both end up with the one row that won the insert.
 */
export async function ensureInstanceKey(db: Db, name: string, generate: () => string, at: string): Promise<string> {
  await db
    .insertInto('instance_keys')
    .values({ name, value: generate(), created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('instance_keys').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
