import { invalid } from './errors.js';

/** Incident statuses in their forward order. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

/** One of the four incident statuses. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Incident impact, Statuspage's scale. */
export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;

/** One of the incident impacts. */
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

/**
 * How an update moves an incident: `same` posts another update in the current status, `forward`
 * moves along investigating → identified → monitoring → resolved (steps may be skipped), and
 * `reopen` moves backwards (a resolved incident coming back, or monitoring that shows the fix did
 * not hold). Reopens are allowed but always audited as such.
 */
export type TransitionKind = 'same' | 'forward' | 'reopen';

/** True when `value` is an incident status. */
export function isIncidentStatus(value: unknown): value is IncidentStatus {
  return typeof value === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(value);
}

/** Classify the move from one incident status to another. */
export function classifyTransition(from: IncidentStatus, to: IncidentStatus): TransitionKind {
  const a = INCIDENT_STATUSES.indexOf(from);
  const b = INCIDENT_STATUSES.indexOf(to);
  if (a === b) return 'same';
  return b > a ? 'forward' : 'reopen';
}

/** Timestamps an incident derives from its updates. */
export interface IncidentTimes {
  startedAt: string;
  monitoringAt: string | null;
  resolvedAt: string | null;
}

/** The part of an update that drives the incident's timestamps. */
export interface TimedUpdate {
  status: IncidentStatus;
  displayAt: string;
}

/**
 * Derive `started_at`, `monitoring_at` and `resolved_at` from the updates' `display_at`, so that a
 * back-dated update moves them too: started at the earliest update; monitoring at the first update
 * in `monitoring` of the current episode; resolved at the update that resolved it, only while it is
 * still resolved (a reopened incident has no `resolved_at`).
 */
export function deriveIncidentTimes(updates: readonly TimedUpdate[]): IncidentTimes {
  if (updates.length === 0) throw invalid('INCIDENT_WITHOUT_UPDATES', 'An incident needs at least one update.');
  // A stable sort: updates with equal display times keep the order they were given in.
  const ordered = [...updates].sort((x, y) => x.displayAt.localeCompare(y.displayAt));
  const first = ordered[0]!;
  const last = ordered[ordered.length - 1]!;

  // The current episode starts after the last reopen: statuses earlier than that no longer count.
  let episodeStart = 0;
  for (let i = 1; i < ordered.length; i++) {
    if (classifyTransition(ordered[i - 1]!.status, ordered[i]!.status) === 'reopen') episodeStart = i;
  }
  const episode = ordered.slice(episodeStart);
  const monitoringAt = episode.find((u) => u.status === 'monitoring')?.displayAt ?? null;
  const resolvedAt =
    last.status === 'resolved' ? (episode.find((u) => u.status === 'resolved')?.displayAt ?? null) : null;
  return { startedAt: first.displayAt, monitoringAt, resolvedAt };
}
