import { resolveEffectiveStatus } from '../../core/component-status.js';
import type { Component, ComponentWithStatus } from '../../core/model.js';
import { findComponent, listComponents } from '../../store/components-store.js';
import { listSegments } from '../../store/segments-store.js';
import { listStatusSources } from '../../store/status-sources-store.js';
import type { Db } from '../context.js';

/** Attach the derived status (overall and per segment) to components of one page. */
export async function withStatuses(db: Db, pageId: string, components: Component[]): Promise<ComponentWithStatus[]> {
  const segmentIds = (await listSegments(db, pageId)).map((s) => s.id);
  const sources = await listStatusSources(
    db,
    components.map((c) => c.id),
  );
  return components.map((c) => {
    const effective = resolveEffectiveStatus(
      sources.filter((s) => s.componentId === c.id),
      segmentIds,
    );
    return { ...c, status: effective.status, segmentStatuses: effective.segments };
  });
}

/** Every live component of a page with its status, in display order. */
export async function loadComponentsWithStatus(db: Db, pageId: string): Promise<ComponentWithStatus[]> {
  return withStatuses(db, pageId, await listComponents(db, pageId));
}

/** One live component with its status. */
export async function loadComponentWithStatus(db: Db, componentId: string): Promise<ComponentWithStatus | undefined> {
  const component = await findComponent(db, componentId);
  if (!component) return undefined;
  const [withStatus] = await withStatuses(db, component.pageId, [component]);
  return withStatus;
}
