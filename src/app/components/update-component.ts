import type { ComponentStatus } from '../../core/component-status.js';
import type { Actor, Component, ComponentWithStatus } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { updateComponent as saveComponent } from '../../store/components-store.js';
import { touchPage } from '../../store/pages-store.js';
import { setStatusSource } from '../../store/status-sources-store.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { audit, runWrite } from '../transaction.js';
import { assertGroupOnPage, requireComponent } from './component-refs.js';
import { loadComponentWithStatus } from './load-component-statuses.js';

/** Fields of a component that can change; `undefined` leaves a field as it is. */
export interface UpdateComponentInput {
  name?: string;
  description?: string | null;
  groupId?: string | null;
  /** The operator's own status for the component; incidents still hold it if they are worse. */
  status?: ComponentStatus;
  position?: number;
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  startDate?: string | null;
  /** Tell subscribers about a status change (default true); false is the operator's "do not notify". */
  notify?: boolean;
}

/** Change a component's fields or its manual status. */
export async function updateComponent(
  app: AppContext,
  actor: Actor,
  componentId: string,
  input: UpdateComponentInput,
): Promise<ComponentWithStatus> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const current = await requireComponent(trx, componentId);
    const before = (await loadComponentWithStatus(trx, componentId))!;
    if (input.groupId) await assertGroupOnPage(trx, input.groupId, current.pageId);
    const at = app.now().toISOString();
    const next: Component = {
      ...current,
      name: input.name ?? current.name,
      description: input.description === undefined ? current.description : input.description,
      groupId: input.groupId === undefined ? current.groupId : input.groupId,
      position: input.position ?? current.position,
      showcase: input.showcase ?? current.showcase,
      onlyShowIfDegraded: input.onlyShowIfDegraded ?? current.onlyShowIfDegraded,
      startDate: input.startDate === undefined ? current.startDate : input.startDate,
      updatedAt: at,
    };
    await saveComponent(trx, next);
    if (input.status !== undefined) {
      await setStatusSource(
        trx,
        { componentId, segmentId: null, sourceType: 'manual', sourceId: '' },
        input.status,
        at,
      );
    }
    await touchPage(trx, current.pageId, at);
    const after = (await loadComponentWithStatus(trx, componentId))!;
    if (before.status !== after.status && input.notify !== false) {
      await enqueueNotification(trx, app, {
        pageId: current.pageId,
        kind: 'component.status_changed',
        ref: { component_id: componentId, old_status: before.status, new_status: after.status },
        componentIds: [componentId],
      });
    }
    await audit(trx, app, actor, {
      action: before.status === after.status ? 'component.updated' : 'component.status_changed',
      targetType: 'component',
      targetId: componentId,
      pageId: current.pageId,
      before,
      after,
    });
    return { value: after, changedPageIds: [current.pageId] };
  });
}
