import { resolveEffectiveStatus, type ComponentStatus } from '../../core/component-status.js';
import { invalid } from '../../core/errors.js';
import type { AffectedComponent, IncidentUpdate } from '../../core/model.js';
import { assertNotFuture, normalizeTimestamp } from '../../core/timestamps.js';
import { findComponentsByIds, findLiveComponentsByIds, updateComponent } from '../../store/components-store.js';
import { listSegments } from '../../store/segments-store.js';
import { listStatusSources, setStatusSource } from '../../store/status-sources-store.js';
import type { AppContext, Db } from '../context.js';

/** A change an incident update asks for: one component, optionally in one segment. */
export interface ComponentChangeInput {
  componentId: string;
  segmentId?: string | null;
  status: ComponentStatus;
  /** When the change took effect, if not at the update's display time (per-segment start/end). */
  effectiveAt?: string | null;
}

/** A validated change, ready to apply. */
export interface PlannedChange {
  componentId: string;
  segmentId: string | null;
  status: ComponentStatus;
  effectiveAt: string;
}

/**
 * Check that every named component and segment is live on the incident's page, that no pair is
 * named twice, and normalise the times.
 */
export async function planComponentChanges(
  db: Db,
  app: AppContext,
  pageId: string,
  changes: readonly ComponentChangeInput[],
  defaultAt: string,
): Promise<PlannedChange[]> {
  const componentIds = [...new Set(changes.map((c) => c.componentId))];
  // Only live components: a deleted one can no longer be affected.
  const components = await findLiveComponentsByIds(db, componentIds);
  const segments = await listSegments(db, pageId);
  const seen = new Set<string>();
  return changes.map((change, index) => {
    const field = `components[${index}]`;
    const component = components.find((c) => c.id === change.componentId);
    if (!component || component.pageId !== pageId) {
      throw invalid(
        'COMPONENT_NOT_FOUND',
        `${field}.component_id "${change.componentId}" names no component on this incident's page.`,
        {
          field: `${field}.component_id`,
        },
      );
    }
    const segmentId = change.segmentId ?? null;
    if (segmentId !== null && !segments.some((s) => s.id === segmentId)) {
      throw invalid(
        'SEGMENT_NOT_FOUND',
        `${field}.segment_id "${segmentId}" names no segment on this incident's page.`,
        {
          field: `${field}.segment_id`,
        },
      );
    }
    const key = `${change.componentId}/${segmentId ?? ''}`;
    if (seen.has(key)) {
      throw invalid(
        'DUPLICATE_COMPONENT_CHANGE',
        `${field} names component "${change.componentId}"${segmentId ? ` in segment "${segmentId}"` : ''} a second time; give each pair once.`,
        {
          field,
        },
      );
    }
    seen.add(key);
    let effectiveAt = defaultAt;
    if (change.effectiveAt) {
      effectiveAt = normalizeTimestamp(change.effectiveAt, `${field}.effective_at`);
      assertNotFuture(effectiveAt, app.now(), `${field}.effective_at`);
    }
    return { componentId: change.componentId, segmentId, status: change.status, effectiveAt };
  });
}

/**
 * How an incident's changes meet today's statuses: `hold` makes the incident a status source for
 * each pair, `release` lets go of them (resolution), and `history` only records what happened (a
 * backfilled incident, entered after the fact, never touches today's statuses).
 */
export type ApplyMode = 'hold' | 'release' | 'history';

/** The status this incident last gave each pair, from its updates (key `component/segment`). */
export function lastStatuses(
  updates: readonly IncidentUpdate[],
): Map<string, { componentId: string; segmentId: string | null; status: ComponentStatus }> {
  const latest = new Map<
    string,
    { componentId: string; segmentId: string | null; status: ComponentStatus; at: string }
  >();
  for (const a of updates.flatMap((u) => u.affectedComponents)) {
    const key = pairKey(a.componentId, a.segmentId);
    const seen = latest.get(key);
    if (!seen || a.effectiveAt >= seen.at)
      latest.set(key, { componentId: a.componentId, segmentId: a.segmentId, status: a.newStatus, at: a.effectiveAt });
  }
  return latest;
}

/** The key of a component/segment pair. */
export function pairKey(componentId: string, segmentId: string | null): string {
  return `${componentId}/${segmentId ?? ''}`;
}

/**
 * Apply planned changes on behalf of an incident and record each pair's status before and after.
 * "Before" is today's status for live incidents, and the incident's own last status for history.
 */
export async function applyComponentChanges(
  db: Db,
  pageId: string,
  incidentId: string,
  changes: readonly PlannedChange[],
  mode: ApplyMode,
  at: string,
  history: ReturnType<typeof lastStatuses> = new Map(),
): Promise<AffectedComponent[]> {
  if (changes.length === 0) return [];
  const segmentIds = (await listSegments(db, pageId)).map((s) => s.id);
  const componentIds = [...new Set(changes.map((c) => c.componentId))];
  const sources = await listStatusSources(db, componentIds);
  const affected: AffectedComponent[] = changes.map((change) => {
    let oldStatus: ComponentStatus;
    if (mode === 'history') {
      oldStatus = history.get(pairKey(change.componentId, change.segmentId))?.status ?? 'operational';
    } else {
      const effective = resolveEffectiveStatus(
        sources.filter((s) => s.componentId === change.componentId),
        segmentIds,
      );
      oldStatus = change.segmentId ? (effective.segments[change.segmentId] ?? 'operational') : effective.status;
    }
    return {
      componentId: change.componentId,
      segmentId: change.segmentId,
      oldStatus,
      newStatus: change.status,
      effectiveAt: change.effectiveAt,
    };
  });
  if (mode === 'history') return affected;
  for (const change of changes) {
    await setStatusSource(
      db,
      { componentId: change.componentId, segmentId: change.segmentId, sourceType: 'incident', sourceId: incidentId },
      mode === 'hold' ? change.status : 'operational',
      change.effectiveAt,
    );
  }
  for (const component of await findComponentsByIds(db, componentIds)) {
    await updateComponent(db, { ...component, updatedAt: at });
  }
  return affected;
}
