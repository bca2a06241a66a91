import type { Db } from '../app/context.js';

/**
 * Take or renew the lease `name` for `holder` until `expiresAt`: succeeds when nobody holds it, the
 * holder is us, or the last holder's lease ran out. One statement (an upsert guarded by a WHERE), so
 * two nodes racing cannot both win.
 */
export async function tryAcquireLease(
  db: Db,
  lease: { name: string; holder: string; now: string; expiresAt: string },
): Promise<boolean> {
  const rows = await db
    .insertInto('monitor_leases')
    .values({ name: lease.name, holder: lease.holder, expires_at: lease.expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder: lease.holder, expires_at: lease.expiresAt })
        .where((eb) =>
          eb.or([eb('monitor_leases.holder', '=', lease.holder), eb('monitor_leases.expires_at', '<', lease.now)]),
        ),
    )
    .returning('holder')
    .execute();
  return rows.length === 1;
}

/** Give a lease up at once (a clean shutdown), if we hold it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('monitor_leases').where('name', '=', name).where('holder', '=', holder).execute();
}
