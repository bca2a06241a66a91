import type { ComponentStatus } from '../../core/component-status.js';
import type { Actor, Component, ComponentWithStatus } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { insertComponent, nextComponentPosition } from '../../store/components-store.js';
import { touchPage } from '../../store/pages-store.js';
import { setStatusSource } from '../../store/status-sources-store.js';
import type { AppContext } from '../context.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';
import { assertGroupOnPage } from './component-refs.js';
import { loadComponentWithStatus } from './load-component-statuses.js';

/** Input for a new component. */
export interface CreateComponentInput {
  pageId?: string | null;
  name: string;
  description?: string | null;
  groupId?: string | null;
  status?: ComponentStatus;
  position?: number;
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  startDate?: string | null;
}

/** Add a component to a page (the default page when none is named). */
export async function createComponent(
  app: AppContext,
  actor: Actor,
  input: CreateComponentInput,
): Promise<ComponentWithStatus> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const page = await resolvePage(trx, input.pageId);
    const groupId = input.groupId ?? null;
    if (groupId) await assertGroupOnPage(trx, groupId, page.id);
    const at = app.now().toISOString();
    const component: Component = {
      id: app.newId(),
      pageId: page.id,
      groupId,
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? (await nextComponentPosition(trx, page.id, groupId)),
      showcase: input.showcase ?? true,
      onlyShowIfDegraded: input.onlyShowIfDegraded ?? false,
      startDate: input.startDate ?? null,
      createdAt: at,
      updatedAt: at,
    };
    await insertComponent(trx, component);
    const status = input.status ?? 'operational';
    await setStatusSource(
      trx,
      { componentId: component.id, segmentId: null, sourceType: 'manual', sourceId: '' },
      status,
      at,
    );
    await touchPage(trx, page.id, at);
    const created = (await loadComponentWithStatus(trx, component.id))!;
    await audit(trx, app, actor, {
      action: 'component.created',
      targetType: 'component',
      targetId: component.id,
      pageId: page.id,
      after: created,
    });
    return { value: created, changedPageIds: [page.id] };
  });
}
