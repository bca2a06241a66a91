import { invalid } from '../../core/errors.js';
import type { Actor, ComponentRef, Maintenance, MaintenanceNotify } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { validateRecurrence, type RecurrenceSpec } from '../../core/recurrence.js';
import { normalizeTimestamp } from '../../core/timestamps.js';
import { findLiveComponentsByIds } from '../../store/components-store.js';
import { insertMaintenance, listMaintenances, moveOccurrence } from '../../store/maintenances-store.js';
import { touchPage } from '../../store/pages-store.js';
import { listSegments } from '../../store/segments-store.js';
import type { AppContext, Db } from '../context.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';
import { materializeOccurrences } from './materialize-occurrences.js';

/** Input for a maintenance window: either `scheduledFor`/`scheduledUntil`, or `recurrence`. */
export interface CreateMaintenanceInput {
  pageId?: string | null;
  name: string;
  message: string;
  componentIds?: string[];
  /** Per-segment targets, in addition to whole components. */
  components?: Array<{ componentId: string; segmentId?: string | null }>;
  scheduledFor?: string | null;
  scheduledUntil?: string | null;
  recurrence?: RecurrenceSpec | null;
  impact?: Maintenance['impact'];
  autoStart?: boolean;
  autoComplete?: boolean;
  validationUrl?: string | null;
  validationGraceMinutes?: number;
  /** Per-window notifications (default: no reminder, start and end announced). */
  notify?: Partial<MaintenanceNotify>;
}

const MAX_WINDOW_MS = 30 * 86_400_000;

/**
 * Schedule maintenance. A one-off window that is already over when entered is recorded as
 * completed history (it never puts components under maintenance today).
 */
export async function createMaintenance(
  app: AppContext,
  actor: Actor,
  input: CreateMaintenanceInput,
): Promise<Maintenance> {
  requireRole(actor, 'editor');
  const now = app.now();
  const at = now.toISOString();
  const window = checkWindow(input);
  if (input.validationUrl) checkValidationUrl(input.validationUrl);
  const grace = input.validationGraceMinutes ?? 15;
  if (!Number.isInteger(grace) || grace < 0 || grace > 10_080) {
    throw invalid(
      'INVALID_VALIDATION_GRACE',
      'validation_grace_minutes must be a whole number from 0 to 10080 (a week).',
      { field: 'validation_grace_minutes' },
    );
  }
  return runWrite(app, async (trx) => {
    const page = await resolvePage(trx, input.pageId);
    const components = await checkComponentRefs(trx, page.id, [
      ...(input.componentIds ?? []).map((componentId) => ({ componentId, segmentId: null })),
      ...(input.components ?? []).map((c) => ({ componentId: c.componentId, segmentId: c.segmentId ?? null })),
    ]);
    const maintenance: Maintenance = {
      id: app.newId(),
      pageId: page.id,
      name: input.name,
      message: input.message,
      impact: input.impact ?? 'maintenance',
      kind: window.recurrence ? 'recurring' : 'one_off',
      scheduledFor: window.scheduledFor,
      scheduledUntil: window.scheduledUntil,
      recurrence: window.recurrence,
      autoStart: input.autoStart ?? true,
      autoComplete: input.autoComplete ?? true,
      validationUrl: input.validationUrl ?? null,
      validationGraceMinutes: grace,
      notify: {
        reminderHours: input.notify?.reminderHours ?? null,
        start: input.notify?.start ?? true,
        end: input.notify?.end ?? true,
      },
      components,
      createdAt: at,
      updatedAt: at,
    };
    await insertMaintenance(trx, maintenance);
    const occurrences = await materializeOccurrences(trx, app, maintenance, now);
    // Entered after the fact: record it as done without touching today's statuses.
    for (const o of occurrences) {
      if (Date.parse(o.endsAt) <= now.getTime()) {
        await moveOccurrence(trx, o.id, 'scheduled', 'completed', { at, startedAt: o.startsAt, finishedAt: o.endsAt });
      }
    }
    await touchPage(trx, page.id, at);
    const [saved] = await listMaintenances(trx, { ids: [maintenance.id] });
    await audit(trx, app, actor, {
      action: 'maintenance.created',
      targetType: 'maintenance',
      targetId: maintenance.id,
      pageId: page.id,
      after: saved,
    });
    return { value: saved!, changedPageIds: [page.id] };
  });
}

function checkWindow(input: CreateMaintenanceInput): {
  scheduledFor: string | null;
  scheduledUntil: string | null;
  recurrence: RecurrenceSpec | null;
} {
  if (input.recurrence) {
    if (input.scheduledFor || input.scheduledUntil) {
      throw invalid(
        'MAINTENANCE_WINDOW_AMBIGUOUS',
        'Give either scheduled_for and scheduled_until (one window) or recurrence (a series), not both.',
      );
    }
    validateRecurrence(input.recurrence);
    return { scheduledFor: null, scheduledUntil: null, recurrence: input.recurrence };
  }
  if (!input.scheduledFor || !input.scheduledUntil) {
    throw invalid('MAINTENANCE_WINDOW_MISSING', 'Give scheduled_for and scheduled_until (ISO 8601), or a recurrence.', {
      field: input.scheduledFor ? 'scheduled_until' : 'scheduled_for',
    });
  }
  const scheduledFor = normalizeTimestamp(input.scheduledFor, 'scheduled_for');
  const scheduledUntil = normalizeTimestamp(input.scheduledUntil, 'scheduled_until');
  const length = Date.parse(scheduledUntil) - Date.parse(scheduledFor);
  if (length <= 0) {
    throw invalid(
      'MAINTENANCE_WINDOW_INVERTED',
      `scheduled_until (${scheduledUntil}) must be after scheduled_for (${scheduledFor}).`,
      { field: 'scheduled_until' },
    );
  }
  if (length > MAX_WINDOW_MS) {
    throw invalid(
      'MAINTENANCE_WINDOW_TOO_LONG',
      'A maintenance window may last at most 30 days; split longer work into several windows.',
      { field: 'scheduled_until' },
    );
  }
  return { scheduledFor, scheduledUntil, recurrence: null };
}

/** Check that each named component (and segment) is live on the page, each named once. */
async function checkComponentRefs(db: Db, pageId: string, refs: ComponentRef[]): Promise<ComponentRef[]> {
  const components = await findLiveComponentsByIds(db, [...new Set(refs.map((r) => r.componentId))]);
  const segments = await listSegments(db, pageId);
  const seen = new Set<string>();
  for (const [index, ref] of refs.entries()) {
    const component = components.find((c) => c.id === ref.componentId);
    if (!component || component.pageId !== pageId) {
      throw invalid('COMPONENT_NOT_FOUND', `Component "${ref.componentId}" is not on this page.`, {
        field: `components[${index}]`,
      });
    }
    if (ref.segmentId && !segments.some((s) => s.id === ref.segmentId)) {
      throw invalid('SEGMENT_NOT_FOUND', `Segment "${ref.segmentId}" is not on this page.`, {
        field: `components[${index}].segment_id`,
      });
    }
    const key = `${ref.componentId}/${ref.segmentId ?? ''}`;
    if (seen.has(key))
      throw invalid('DUPLICATE_COMPONENT_CHANGE', `Component "${ref.componentId}" is named twice.`, {
        field: `components[${index}]`,
      });
    seen.add(key);
  }
  return refs;
}

function checkValidationUrl(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw invalid(
      'INVALID_VALIDATION_URL',
      `validation_url must be an http(s) URL that answers 2xx when the service works end to end; got "${url}".`,
      {
        field: 'validation_url',
      },
    );
  }
}
