import type { Db } from '../app/context.js';
import type { ComponentStatus, StatusSource } from '../core/component-status.js';

/** A stored status source with where it came from. */
export interface StoredStatusSource extends StatusSource {
  sourceType: StatusSourceType;
  sourceId: string;
  since: string;
}

/** Who can hold a component in a status. */
export type StatusSourceType = 'manual' | 'incident' | 'maintenance' | 'monitor';

// '' stands for "no segment" in the key columns, where NULL would not be unique.
const WHOLE = '';

/** Every status source on the given components. */
export async function listStatusSources(db: Db, componentIds: readonly string[]): Promise<StoredStatusSource[]> {
  if (componentIds.length === 0) return [];
  const rows = await db.selectFrom('status_sources').selectAll().where('component_id', 'in', componentIds).execute();
  return rows.map((r) => ({
    componentId: r.component_id,
    segmentId: r.segment_id === WHOLE ? null : r.segment_id,
    status: r.status as ComponentStatus,
    sourceType: r.source_type,
    sourceId: r.source_id,
    since: r.since,
  }));
}

/** Set what one source says about one component (or segment); `operational` removes the source. */
export async function setStatusSource(
  db: Db,
  source: {
    componentId: string;
    segmentId: string | null;
    sourceType: StatusSourceType;
    sourceId: string;
  },
  status: ComponentStatus,
  since: string,
): Promise<void> {
  const key = {
    component_id: source.componentId,
    segment_id: source.segmentId ?? WHOLE,
    source_type: source.sourceType,
    source_id: source.sourceId,
  };
  if (status === 'operational') {
    await db
      .deleteFrom('status_sources')
      .where('component_id', '=', key.component_id)
      .where('segment_id', '=', key.segment_id)
      .where('source_type', '=', key.source_type)
      .where('source_id', '=', key.source_id)
      .execute();
    return;
  }
  await db
    .insertInto('status_sources')
    .values({ ...key, status, since })
    .onConflict((oc) =>
      oc.columns(['component_id', 'segment_id', 'source_type', 'source_id']).doUpdateSet({ status, since }),
    )
    .execute();
}

/** Drop everything one source holds (an incident resolved or deleted). */
export async function clearStatusSource(db: Db, sourceType: StatusSourceType, sourceId: string): Promise<void> {
  await db
    .deleteFrom('status_sources')
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .execute();
}
