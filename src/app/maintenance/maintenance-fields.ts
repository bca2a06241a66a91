import { invalid } from '../../core/errors.js';
import { validateWatchMinutes } from '../../core/maintenance-watch.js';
import type { ComponentRef } from '../../core/model.js';
import { validateRecurrence, type RecurrenceSpec } from '../../core/recurrence.js';
import { normalizeTimestamp } from '../../core/timestamps.js';
import { findLiveComponentsByIds } from '../../store/components-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import { listSegments } from '../../store/segments-store.js';
import type { Db } from '../context.js';

// The checks a maintenance's fields go through, shared by creating and editing one.

const MAX_WINDOW_MS = 30 * 86_400_000;

/** A one-off window or a recurrence, checked. */
export interface CheckedWindow {
  scheduledFor: string | null;
  scheduledUntil: string | null;
  recurrence: RecurrenceSpec | null;
}

/** Check the "when" of a maintenance: one window (at most 30 days) or a valid recurrence, not both. */
export function checkWindow(input: {
  scheduledFor?: string | null;
  scheduledUntil?: string | null;
  recurrence?: RecurrenceSpec | null;
}): CheckedWindow {
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
export async function checkComponentRefs(db: Db, pageId: string, refs: ComponentRef[]): Promise<ComponentRef[]> {
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

/** Check that each validation monitor is a live monitor of the page, each named once. */
export async function checkValidationMonitors(db: Db, pageId: string, ids: readonly string[]): Promise<string[]> {
  const monitors = await listMonitors(db, { ids: [...new Set(ids)] });
  for (const [index, id] of ids.entries()) {
    const monitor = monitors.find((m) => m.id === id);
    if (!monitor || monitor.pageId !== pageId) {
      throw invalid(
        'VALIDATION_MONITOR_NOT_FOUND',
        `Monitor "${id}" is not a monitor of this page; list them with GET /api/v1/monitors.`,
        { field: `validation_monitor_ids[${index}]` },
      );
    }
    if (ids.indexOf(id) !== index) {
      throw invalid('VALIDATION_MONITOR_NOT_FOUND', `Monitor "${id}" is named twice.`, {
        field: `validation_monitor_ids[${index}]`,
      });
    }
  }
  return [...ids];
}

/** Check the validation and watch settings that need no database. */
export function checkFollowUpSettings(input: {
  validationUrl?: string | null;
  validationGraceMinutes?: number;
  watchMinutes?: number;
}): void {
  if (input.validationUrl) checkValidationUrl(input.validationUrl);
  const grace = input.validationGraceMinutes;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0 || grace > 10_080)) {
    throw invalid(
      'INVALID_VALIDATION_GRACE',
      'validation_grace_minutes must be a whole number from 0 to 10080 (a week).',
      { field: 'validation_grace_minutes' },
    );
  }
  if (input.watchMinutes !== undefined) validateWatchMinutes(input.watchMinutes);
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
