import type { Transaction } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { classifyTransition, type IncidentStatus } from '../../core/incident-lifecycle.js';
import type { Actor, IncidentUpdate } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { assertNotFuture, normalizeTimestamp } from '../../core/timestamps.js';
import { insertIncidentUpdate, listIncidentUpdates, saveIncident } from '../../store/incidents-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { Schema } from '../../store/schema.js';
import { clearStatusSource } from '../../store/status-sources-store.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { audit, runWrite } from '../transaction.js';
import {
  applyComponentChanges,
  lastStatuses,
  pairKey,
  planComponentChanges,
  type ComponentChangeInput,
  type PlannedChange,
} from './component-changes.js';
import { loadIncidentDetail, type IncidentDetail } from './load-incident-detail.js';
import { recomputeIncident } from './recompute-incident.js';
import { requireIncident } from './require-incident.js';

/** Input for a new update on an incident. */
export interface AddIncidentUpdateInput {
  status: IncidentStatus;
  message: string;
  components?: ComponentChangeInput[];
  /** Back-date the update (an update posted late, or a backfilled timeline). */
  displayAt?: string | null;
  deliverNotifications?: boolean;
}

/**
 * Post an update. Status may move forward in any order; moving back (a resolved incident that comes
 * back, or a fix that did not hold) is a reopen and audited as one. Resolving releases every
 * component the incident still holds and records each as back to operational, unless the update
 * says otherwise for it.
 */
export async function addIncidentUpdate(
  app: AppContext,
  actor: Actor,
  incidentId: string,
  input: AddIncidentUpdateInput,
): Promise<IncidentDetail> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const detail = await writeIncidentUpdate(trx, app, actor, incidentId, input);
    return { value: detail, changedPageIds: [detail.pageId] };
  });
}

/**
 * The writes of `addIncidentUpdate` inside a transaction the caller owns, for automation that posts
 * an update as part of a larger change (a monitor recovering resolves its incident).
 */
export async function writeIncidentUpdate(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  incidentId: string,
  input: AddIncidentUpdateInput,
): Promise<IncidentDetail> {
  const now = app.now();
  const at = now.toISOString();
  let displayAt = at;
  if (input.displayAt) {
    displayAt = normalizeTimestamp(input.displayAt, 'display_at');
    assertNotFuture(displayAt, now, 'display_at');
  }
  const incident = await requireIncident(trx, incidentId);
  const previous = await listIncidentUpdates(trx, [incidentId]);
  const changes = await planComponentChanges(trx, app, incident.pageId, input.components ?? [], displayAt);
  const draft: IncidentUpdate = {
    id: app.newId(),
    incidentId,
    status: input.status,
    body: input.message,
    displayAt,
    sequence: Math.max(0, ...previous.map((u) => u.sequence)) + 1,
    deliverNotifications: input.deliverNotifications ?? true,
    createdAt: at,
    updatedAt: at,
    affectedComponents: [],
  };
  const next = recomputeIncident(incident, [...previous, draft], at);
  // An update dated at or before the latest one fills in history; it must not quietly change
  // where the incident stands today (e.g. reopen it by tying with the resolution).
  const latestShown = previous.reduce((max, u) => (u.displayAt > max ? u.displayAt : max), '');
  if (input.displayAt && displayAt <= latestShown && next.status !== incident.status) {
    throw new DomainError(
      'conflict',
      'BACKDATED_UPDATE_CHANGES_STATUS',
      `An update dated ${displayAt}, not after the latest update (${latestShown}), cannot move the incident from ${incident.status} to ${next.status}; date it later or leave display_at out.`,
      { field: 'display_at' },
    );
  }
  const resolvedNow = next.status === 'resolved';

  // Resolving records every pair the incident still gives a non-operational status as back to
  // operational, unless the update says otherwise for it.
  const history = lastStatuses(previous);
  const allChanges: PlannedChange[] = [...changes];
  if (resolvedNow && incident.status !== 'resolved') {
    for (const [key, pair] of history) {
      if (pair.status === 'operational') continue;
      if (changes.some((c) => pairKey(c.componentId, c.segmentId) === key)) continue;
      allChanges.push({
        componentId: pair.componentId,
        segmentId: pair.segmentId,
        status: 'operational',
        effectiveAt: displayAt,
      });
    }
  }
  const mode = incident.backfilled ? 'history' : resolvedNow ? 'release' : 'hold';
  draft.affectedComponents = await applyComponentChanges(
    trx,
    incident.pageId,
    incidentId,
    allChanges,
    mode,
    at,
    history,
  );
  if (resolvedNow) await clearStatusSource(trx, 'incident', incidentId);

  await insertIncidentUpdate(trx, draft);
  const saved = recomputeIncident(incident, [...previous, draft], at);
  await saveIncident(trx, saved);
  await touchPage(trx, incident.pageId, at);

  const detail = await loadIncidentDetail(trx, incidentId, now);
  const kind = classifyTransition(incident.status, saved.status);
  const action =
    kind === 'reopen'
      ? 'incident.reopened'
      : saved.status === 'resolved' && kind === 'forward'
        ? 'incident.resolved'
        : 'incident.updated';
  if (draft.deliverNotifications && !incident.backfilled) {
    await enqueueNotification(trx, app, {
      pageId: incident.pageId,
      kind: action === 'incident.resolved' ? 'incident.resolved' : 'incident.updated',
      ref: { incident_id: incidentId, update_id: draft.id },
      componentIds: [...previous, draft].flatMap((u) => u.affectedComponents.map((a) => a.componentId)),
    });
  }
  await audit(trx, app, actor, {
    action,
    targetType: 'incident',
    targetId: incidentId,
    pageId: incident.pageId,
    before: { status: incident.status, impact: incident.impact },
    after: { status: saved.status, impact: saved.impact, update_id: draft.id },
  });
  return detail;
}
