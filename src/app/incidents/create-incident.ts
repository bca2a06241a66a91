import type { Transaction } from 'kysely';
import type { IncidentImpact, IncidentStatus } from '../../core/incident-lifecycle.js';
import type { Actor, Incident, IncidentUpdate } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { assertNotFuture, normalizeTimestamp } from '../../core/timestamps.js';
import { insertIncident, insertIncidentUpdate, saveIncident } from '../../store/incidents-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';
import { applyComponentChanges, planComponentChanges, type ComponentChangeInput } from './component-changes.js';
import { loadIncidentDetail, type IncidentDetail } from './load-incident-detail.js';
import { recomputeIncident } from './recompute-incident.js';

/** Input for a new incident; `message` is the body of its first update. */
export interface CreateIncidentInput {
  pageId?: string | null;
  name: string;
  status?: IncidentStatus;
  message: string;
  impact?: IncidentImpact | null;
  components?: ComponentChangeInput[];
  /** Display time of the first update, for incidents entered after the fact. */
  startedAt?: string | null;
  deliverNotifications?: boolean;
  /** Entered after the fact; defaults to true for an incident created already resolved. */
  backfilled?: boolean;
}

/**
 * Open an incident with its first update. An incident created already resolved is a backfill: it
 * records history (durations, uptime) but holds no component in a status today.
 */
export async function createIncident(
  app: AppContext,
  actor: Actor,
  input: CreateIncidentInput,
): Promise<IncidentDetail> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const detail = await writeIncident(trx, app, actor, input);
    return { value: detail, changedPageIds: [detail.pageId] };
  });
}

/**
 * The writes of `createIncident` inside a transaction the caller owns, for automation that opens
 * an incident as part of a larger change (the maintenance clock when validation keeps failing).
 */
export async function writeIncident(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  input: CreateIncidentInput,
): Promise<IncidentDetail> {
  const now = app.now();
  const at = now.toISOString();
  let displayAt = at;
  if (input.startedAt) {
    displayAt = normalizeTimestamp(input.startedAt, 'started_at');
    assertNotFuture(displayAt, now, 'started_at');
  }
  const status = input.status ?? 'investigating';
  const page = await resolvePage(trx, input.pageId);
  const changes = await planComponentChanges(trx, app, page.id, input.components ?? [], displayAt);
  const incident: Incident = {
    id: app.newId(),
    pageId: page.id,
    name: input.name,
    status,
    impact: 'none',
    impactOverride: input.impact ?? null,
    backfilled: input.backfilled ?? status === 'resolved',
    startedAt: displayAt,
    monitoringAt: null,
    resolvedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  await insertIncident(trx, incident);
  // A backfilled incident records history only: it never holds a component in a status today.
  const mode = incident.backfilled ? 'history' : status === 'resolved' ? 'release' : 'hold';
  const affected = await applyComponentChanges(trx, page.id, incident.id, changes, mode, at);
  const update: IncidentUpdate = {
    id: app.newId(),
    incidentId: incident.id,
    status,
    body: input.message,
    displayAt,
    sequence: 1,
    deliverNotifications: input.deliverNotifications ?? true,
    createdAt: at,
    updatedAt: at,
    affectedComponents: affected,
  };
  await insertIncidentUpdate(trx, update);
  await saveIncident(trx, recomputeIncident(incident, [update], at));
  await touchPage(trx, page.id, at);
  const detail = await loadIncidentDetail(trx, incident.id, now);
  // A backfill records history: nobody needs to hear about it now.
  if (update.deliverNotifications && !incident.backfilled) {
    await enqueueNotification(trx, app, {
      pageId: page.id,
      kind: status === 'resolved' ? 'incident.resolved' : 'incident.created',
      ref: { incident_id: incident.id, update_id: update.id },
      componentIds: affected.map((a) => a.componentId),
    });
  }
  await audit(trx, app, actor, {
    action: 'incident.created',
    targetType: 'incident',
    targetId: incident.id,
    pageId: page.id,
    after: detail,
  });
  return detail;
}
