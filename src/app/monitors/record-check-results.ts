import type { Transaction } from 'kysely';
import type { CheckResult } from '../../core/model.js';
import { policyOf, type Monitor } from '../../core/monitor-definition.js';
import {
  applyResult,
  componentStatusFor,
  nextCheckAt,
  type MonitorState,
  type Transition,
} from '../../core/monitor-evaluation.js';
import { insertCheckResults } from '../../store/check-results-store.js';
import { emptyMonitorState, loadMonitorStates, saveMonitorStates } from '../../store/monitor-states-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { isMonitorInMaintenance, reconcileMonitor, type MonitorChange } from './reconcile-monitor.js';

/** One result as reported by a location; `id` makes a resend harmless. */
export interface IncomingResult {
  id: string;
  monitorId: string;
  location: string;
  result: CheckResult;
}

/** What recording a batch did. */
export interface RecordedBatch {
  /** Results stored now (resent ones and those of unknown monitors are not counted). */
  stored: number;
  /** Each touched monitor's evaluated state after the batch. */
  states: Map<string, MonitorState>;
  /** Monitors that every location should re-check promptly (a failure not yet confirmed). */
  recheck: Set<string>;
  transitions: { monitor: Monitor; transition: Transition }[];
  changes: MonitorChange[];
}

/**
 * Store a batch of results and fold the new ones into each monitor's state (one transaction), then
 * reconcile each monitor whose state now asks for another status or whose incident may have been
 * taken over (one transaction each). Results of unknown or deleted monitors are dropped. Pass
 * `known` monitors to save a query when the caller has them.
 */
export async function recordCheckResults(
  app: AppContext,
  batch: readonly IncomingResult[],
  known?: ReadonlyMap<string, Monitor>,
): Promise<RecordedBatch> {
  const ids = [...new Set(batch.map((r) => r.monitorId))];
  const monitors = new Map<string, Monitor>();
  const missing = ids.filter((id) => {
    const m = known?.get(id);
    if (m) monitors.set(id, m);
    return !m;
  });
  for (const m of await listMonitors(app.db, { ids: missing })) monitors.set(m.id, m);
  const accepted = batch.filter((r) => monitors.has(r.monitorId));
  const at = app.now().toISOString();

  const { transitions, states, toReconcile, stored } = await app.db.transaction().execute(async (trx) => {
    const inserted = await insertCheckResults(
      trx,
      accepted.map((r) => ({ id: r.id, monitorId: r.monitorId, location: r.location, ...r.result })),
    );
    const fresh = accepted.filter((r) => inserted.has(r.id)).sort((a, b) => (a.result.at < b.result.at ? -1 : 1));
    const touched = [...new Set(fresh.map((r) => r.monitorId))];
    const loaded = await loadMonitorStates(trx, touched, { lock: true, dialect: app.dialect });
    const found: { monitor: Monitor; transition: Transition }[] = [];
    for (const r of fresh) {
      const monitor = monitors.get(r.monitorId)!;
      const current = loaded.get(r.monitorId) ?? emptyMonitorState(r.monitorId, at);
      const evaluated = applyResult(
        current.evaluation,
        r.location,
        r.result,
        Date.parse(r.result.at),
        policyOf(monitor),
      );
      loaded.set(r.monitorId, { ...current, evaluation: evaluated.state, updatedAt: at });
      if (evaluated.transition) found.push({ monitor, transition: evaluated.transition });
    }
    await saveMonitorStates(
      trx,
      touched.map((id) => loaded.get(id)!),
    );
    await alertTeam(trx, app, found);
    const reconcile = touched.filter((id) => {
      const s = loaded.get(id)!;
      const desired = componentStatusFor(s.evaluation.state, policyOf(monitors.get(id)!)) ?? s.appliedStatus;
      return (
        desired !== s.appliedStatus ||
        (s.appliedStatus !== 'operational' && s.incidentId !== null && !s.takenOver && !s.joinedRoot)
      );
    });
    return {
      transitions: found,
      states: new Map(touched.map((id) => [id, loaded.get(id)!.evaluation])),
      toReconcile: reconcile,
      stored: inserted.size,
    };
  });

  const changes: MonitorChange[] = [];
  for (const id of toReconcile) {
    const reason = transitions.findLast((t) => t.monitor.id === id)?.transition.reason ?? null;
    const change = await reconcileMonitor(app, id, reason);
    if (change) changes.push(change);
  }
  const recheck = new Set<string>();
  for (const [id, state] of states) {
    const policy = policyOf(monitors.get(id)!);
    // nextCheckAt looks at every fresh location, so one location's doubt speeds up all of them.
    const anyLocation = Object.keys(state.locations)[0] ?? '';
    const last = Math.max(0, ...Object.values(state.locations).map((l) => l.lastAt ?? 0));
    if (nextCheckAt(state, anyLocation, last, policy) - last < policy.intervalMs) recheck.add(id);
  }
  return { stored, states, recheck, transitions, changes };
}

/**
 * Tell the team about each state change through the outbox, in the transaction that records it,
 * so an alert is never lost. Not the first `unknown → up` (a new monitor coming alive), and not
 * while maintenance holds the component: checks keep running, the team asked not to be paged.
 */
async function alertTeam(
  trx: Transaction<Schema>,
  app: AppContext,
  transitions: readonly { monitor: Monitor; transition: Transition }[],
): Promise<void> {
  for (const { monitor, transition } of transitions) {
    if (transition.from === 'unknown' && transition.to === 'up') continue;
    if (await isMonitorInMaintenance(trx, monitor)) continue;
    await enqueueNotification(trx, app, {
      pageId: monitor.pageId,
      kind: 'monitor.state_changed',
      ref: {
        monitor_id: monitor.id,
        from: transition.from,
        to: transition.to,
        reason: transition.reason,
        at: new Date(transition.at).toISOString(),
      },
      componentIds: [monitor.componentId],
    });
  }
}
