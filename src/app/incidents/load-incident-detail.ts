import { computeImpactTimeline, type ComponentImpact } from '../../core/impact-timeline.js';
import type { ComponentWithStatus, Incident, IncidentWithUpdates } from '../../core/model.js';
import { findComponentsByIds, findLiveComponentsByIds } from '../../store/components-store.js';
import { listIncidentUpdates } from '../../store/incidents-store.js';
import { findSegmentsByIds } from '../../store/segments-store.js';
import { withStatuses } from '../components/load-component-statuses.js';
import type { Db } from '../context.js';
import { requireIncident } from './require-incident.js';

/** An incident with everything a reader needs: updates, durations per component and segment, names. */
export interface IncidentDetail extends IncidentWithUpdates {
  /** How long each affected component, and each segment of it, was affected. */
  impacts: ComponentImpact[];
  componentNames: Record<string, string>;
  segmentNames: Record<string, string>;
  /** The affected components that still exist, with their current status. */
  currentComponents: ComponentWithStatus[];
}

/** Load one live incident in full. */
export async function loadIncidentDetail(db: Db, incidentId: string, now: Date): Promise<IncidentDetail> {
  const incident = await requireIncident(db, incidentId);
  const [detail] = await loadIncidentDetails(db, [incident], now);
  return detail!;
}

/** Load several incidents in full with a fixed number of queries. */
export async function loadIncidentDetails(
  db: Db,
  incidents: readonly Incident[],
  now: Date,
): Promise<IncidentDetail[]> {
  const updates = await listIncidentUpdates(
    db,
    incidents.map((i) => i.id),
  );
  const changes = updates.flatMap((u) => u.affectedComponents);
  const components = await findComponentsByIds(db, [...new Set(changes.map((c) => c.componentId))]);
  const segments = await findSegmentsByIds(db, [
    ...new Set(changes.map((c) => c.segmentId).filter((s): s is string => s !== null)),
  ]);
  const componentNames = Object.fromEntries(components.map((c) => [c.id, c.name]));
  const segmentNames = Object.fromEntries(segments.map((s) => [s.id, s.name]));

  const liveIds = new Set(components.map((c) => c.id));
  const live = await liveComponentsWithStatus(db, liveIds);

  return incidents.map((incident) => {
    const own = updates.filter((u) => u.incidentId === incident.id);
    const ownChanges = own.flatMap((u) =>
      u.affectedComponents.map((a) => ({
        componentId: a.componentId,
        segmentId: a.segmentId,
        status: a.newStatus,
        at: a.effectiveAt,
      })),
    );
    const affectedIds = new Set(ownChanges.map((c) => c.componentId));
    return {
      ...incident,
      updates: own,
      impacts: computeImpactTimeline(ownChanges, incident.resolvedAt ?? now.toISOString()),
      componentNames,
      segmentNames,
      currentComponents: live.filter((c) => affectedIds.has(c.id)),
    };
  });
}

async function liveComponentsWithStatus(db: Db, ids: Set<string>): Promise<ComponentWithStatus[]> {
  const live = await findLiveComponentsByIds(db, [...ids]);
  const byPage = new Map<string, typeof live>();
  for (const c of live) byPage.set(c.pageId, [...(byPage.get(c.pageId) ?? []), c]);
  const result: ComponentWithStatus[] = [];
  for (const [pageId, components] of byPage) {
    result.push(
      ...(await withStatuses(
        db,
        pageId,
        components.sort((a, b) => a.position - b.position),
      )),
    );
  }
  return result;
}
