import type { Transaction } from 'kysely';
import type { ComponentStatus } from '../../core/component-status.js';
import { policyOf, type Monitor } from '../../core/monitor-definition.js';
import { componentStatusFor } from '../../core/monitor-evaluation.js';
import { findComponent } from '../../store/components-store.js';
import { emptyMonitorState, loadMonitorStates, saveMonitorState } from '../../store/monitor-states-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { Schema } from '../../store/schema.js';
import { listStatusSources, setStatusSource } from '../../store/status-sources-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { followUpIncident, MONITORING_ACTOR, openEpisodeIncident, personEdited } from './monitor-incident.js';
import { findMonitor } from '../../store/monitors-store.js';

/** What reconciling one monitor did. */
export interface MonitorChange {
  monitorId: string;
  from: ComponentStatus;
  to: ComponentStatus;
  /** An automatic incident that was opened, updated or resolved. */
  incidentId: string | null;
  /** The change was held back because a maintenance window is in progress on the component. */
  heldByMaintenance: boolean;
}

/**
 * Bring what a monitor holds in line with its evaluated state (docs/decisions/0006): its status
 * source on the component (or segment), and its automatic incident — opened when an episode starts
 * (published, or not at all for `draft`/`off`), updated when the status changes, resolved on
 * recovery. Once a person edits that incident, automation releases the status it held and leaves the
 * incident alone until the next episode. During maintenance on the component nothing is opened.
 * One transaction; returns null when nothing had to change.
 */
export async function reconcileMonitor(
  app: AppContext,
  monitorId: string,
  reason: string | null = null,
): Promise<MonitorChange | null> {
  const change = await runWrite(app, async (trx) => {
    const done = await reconcileInTransaction(trx, app, monitorId, reason);
    return { value: done, changedPageIds: done?.pageId ? [done.pageId] : [] };
  });
  return change?.value ?? null;
}

async function reconcileInTransaction(
  trx: Transaction<Schema>,
  app: AppContext,
  monitorId: string,
  reason: string | null,
): Promise<{ value: MonitorChange; pageId: string | null } | null> {
  const monitor = await findMonitor(trx, monitorId);
  if (!monitor) return null;
  const at = app.now().toISOString();
  const stored =
    (await loadMonitorStates(trx, [monitorId], { lock: true, dialect: app.dialect })).get(monitorId) ??
    emptyMonitorState(monitorId, at);
  const desired = monitor.paused
    ? 'operational'
    : (componentStatusFor(stored.evaluation.state, policyOf(monitor)) ?? stored.appliedStatus);
  const applied = stored.appliedStatus;
  let takenOver = stored.takenOver;
  // A joined episode's incident belongs to its root's monitor, which watches for people.
  if (stored.incidentId && !takenOver && !stored.joinedRoot)
    takenOver = await personEdited(trx, stored.incidentId, stored.incidentFingerprint);
  if (desired === applied && takenOver === stored.takenOver) return null;

  const base: MonitorChange = { monitorId, from: applied, to: desired, incidentId: null, heldByMaintenance: false };
  if (applied === 'operational' && desired !== 'operational' && (await isMonitorInMaintenance(trx, monitor))) {
    return { value: { ...base, heldByMaintenance: true }, pageId: null };
  }
  const next = { ...stored, appliedStatus: desired, takenOver, updatedAt: at };
  const why = reason ?? describeState(stored.evaluation.state);
  const component = await findComponent(trx, monitor.componentId);
  const componentName = component?.name ?? 'A component';

  if (desired !== applied) {
    const step = { monitor, componentName, desired, why };
    if (applied === 'operational') {
      // A new episode: automation owns its incident again.
      next.takenOver = false;
      Object.assign(
        next,
        monitor.autoIncident === 'publish'
          ? await openEpisodeIncident(trx, app, step)
          : { incidentId: null, incidentFingerprint: null, joinedRoot: false },
      );
    } else if (next.incidentId && !next.takenOver) {
      Object.assign(next, await followUpIncident(trx, app, step, { ...next, incidentId: next.incidentId }));
    }
  }
  // The monitor's own source: held while failing, unless a person took the episode's incident over.
  const hold = next.takenOver ? 'operational' : desired;
  await setStatusSource(
    trx,
    { componentId: monitor.componentId, segmentId: monitor.segmentId, sourceType: 'monitor', sourceId: monitorId },
    hold,
    at,
  );
  if (desired === 'operational') {
    next.incidentId = null;
    next.takenOver = false;
    next.joinedRoot = false;
  }
  await saveMonitorState(trx, next);
  await touchPage(trx, monitor.pageId, at);
  await audit(trx, app, MONITORING_ACTOR, {
    action: 'monitor.status_changed',
    targetType: 'monitor',
    targetId: monitorId,
    pageId: monitor.pageId,
    before: { status: applied, taken_over: stored.takenOver },
    after: { status: desired, taken_over: next.takenOver, reason: why, incident_id: next.incidentId },
  });
  return { value: { ...base, incidentId: next.incidentId ?? stored.incidentId }, pageId: monitor.pageId };
}

/** Whether a maintenance window holds the monitor's component (or its segment) right now. */
export async function isMonitorInMaintenance(trx: Transaction<Schema>, monitor: Monitor): Promise<boolean> {
  const sources = await listStatusSources(trx, [monitor.componentId]);
  return sources.some(
    (s) =>
      s.sourceType === 'maintenance' &&
      (s.segmentId === null || monitor.segmentId === null || s.segmentId === monitor.segmentId),
  );
}

function describeState(state: string): string {
  return state === 'up' ? 'checks pass' : state === 'slow' ? 'answers are slow' : 'checks fail';
}
