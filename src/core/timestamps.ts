import { invalid } from './errors.js';

/**
 * Normalise an ISO 8601 timestamp to UTC with milliseconds, the one form stored, so that text order
 * is time order. Rejects anything that is not a complete date-time with a zone.
 */
export function normalizeTimestamp(value: string, field: string): string {
  const complete = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
  const ms = Date.parse(value);
  if (!complete.test(value) || Number.isNaN(ms)) {
    throw invalid(
      'INVALID_TIMESTAMP',
      `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-07-04T14:55:00Z; got "${value}".`,
      { field },
    );
  }
  return new Date(ms).toISOString();
}

/** Refuse a time in the future beyond a small clock-skew allowance: updates describe what happened. */
export function assertNotFuture(iso: string, now: Date, field: string, skewMs = 5 * 60_000): void {
  if (Date.parse(iso) > now.getTime() + skewMs) {
    throw invalid(
      'TIMESTAMP_IN_FUTURE',
      `${field} (${iso}) is in the future; an update records something that happened.`,
      {
        field,
      },
    );
  }
}
