import { invalid } from '../../core/errors.js';
import type { Monitor } from '../../core/monitor-definition.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import type { Transaction } from 'kysely';
import { loadMonitorStates, saveMonitorState } from '../../store/monitor-states-store.js';
import { saveMonitor } from '../../store/monitors-store.js';
import type { Schema } from '../../store/schema.js';
import { clearStatusSource } from '../../store/status-sources-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { auditView, buildMonitor, type MonitorInput } from './monitor-fields.js';
import { requireMonitor } from './require-monitor.js';

/**
 * A paused or re-targeted monitor lets go of the status it held; an automatic incident it opened
 * stays for people to resolve, and the next failure starts a new episode.
 */
async function releaseMonitor(trx: Transaction<Schema>, app: AppContext, monitorId: string): Promise<void> {
  const at = app.now().toISOString();
  await clearStatusSource(trx, 'monitor', monitorId);
  const stored = (await loadMonitorStates(trx, [monitorId])).get(monitorId);
  if (stored) {
    await saveMonitorState(trx, {
      ...stored,
      evaluation: { state: 'unknown', since: null, locations: {} },
      appliedStatus: 'operational',
      incidentId: null,
      incidentFingerprint: null,
      takenOver: false,
      joinedRoot: false,
      updatedAt: at,
    });
  }
}

/** Change a monitor's fields. Its type cannot change (a heartbeat's push token would lose its meaning). */
export async function updateMonitor(
  app: AppContext,
  actor: Actor,
  monitorId: string,
  input: Omit<MonitorInput, 'type'>,
): Promise<Monitor> {
  requireRole(actor, 'editor');
  if ('type' in input)
    throw invalid('MONITOR_TYPE_FIXED', 'A monitor cannot change type; create a new one.', { field: 'type' });
  return runWrite(app, async (trx) => {
    const before = await requireMonitor(trx, monitorId);
    const after = await buildMonitor(trx, before, input, app.now().toISOString());
    await saveMonitor(trx, after);
    const moved = after.componentId !== before.componentId || after.segmentId !== before.segmentId;
    if (after.paused || moved) await releaseMonitor(trx, app, monitorId);
    await audit(trx, app, actor, {
      action: 'monitor.updated',
      targetType: 'monitor',
      targetId: monitorId,
      pageId: after.pageId,
      before: auditView(before),
      after: auditView(after),
    });
    return { value: after, changedPageIds: [before.pageId, after.pageId] };
  });
}
