import type { ComponentStatus } from './component-status.js';
import { isComponentStatus } from './component-status.js';
import { invalid } from './errors.js';
import type { CheckResult } from './model.js';

// How check results become a monitor state (issue "Monitoring").
//
// 1. Each result is classified `up`, `slow` (ok but slower than `maxLatencyMs`) or `down`.
// 2. Each location turns its run of results into a verdict, with confirmation both ways:
//    - `down` after `failureThreshold` consecutive `down` results;
//    - `slow` after `failureThreshold` consecutive non-`up` results that are not all `down`;
//    - `up` after `recoveryThreshold` consecutive `up` results, except that a location with no verdict
//      yet is believed on its first success (a new monitor should show up at once, and there is no
//      outage to be careful about ending);
//    - leaving `down` is a recovery, so it also takes `recoveryThreshold` consecutive non-`down`
//      results: to `up` if they were all up, else to `slow`. Without this a server alternating
//      timeouts and slow answers would flap between outage and degradation on every check.
// 3. Across the fresh locations (latest result no older than `staleAfterMs`; locations that ran the
//    monitor but have no verdict yet still count, so they raise the bar rather than lower it):
//    - `down` when the `down` locations reach the quorum;
//    - else `slow` when the `down` + `slow` locations reach it;
//    - else `up` when at least one location says `up`;
//    - else the previous state is kept (e.g. every location silent: no flap to up).
//    The quorum is `policy.quorum`, or a strict majority (floor(n/2)+1) of the n fresh locations, and
//    never more than n, so with one fresh location the quorum is 1.
// A minority of failing locations changes nothing public: there is no partial outage from a minority.
//
// Pure: no clock, no I/O. Times are epoch milliseconds passed in by the caller.

/** How a monitor judges its results. */
export interface EvaluationPolicy {
  /** Consecutive bad results before a location says down (or slow). At least 1. */
  failureThreshold: number;
  /** Consecutive good results before a location leaves down (or slow). At least 1. */
  recoveryThreshold: number;
  /** Locations that must agree; null = a strict majority of the fresh locations. */
  quorum: number | null;
  /** A successful check slower than this (ms) counts as slow; null = latency never degrades. */
  maxLatencyMs: number | null;
  /** The monitor's check interval. */
  intervalMs: number;
  /** How soon to check again while a failure is unconfirmed (capped at the interval). */
  recheckMs: number;
  /** A location whose latest result is older than this no longer counts. */
  staleAfterMs: number;
  /** Component status while the monitor is down. */
  downStatus: ComponentStatus;
  /** Component status while the monitor is slow. */
  slowStatus: ComponentStatus;
}

/** How many intervals of silence make a location stale by default. */
export const DEFAULT_STALE_INTERVALS = 3;

/** The defaults that do not depend on the interval (`staleAfterMs` is 3 × interval: see `policyFor`). */
export const DEFAULT_POLICY: Readonly<Omit<EvaluationPolicy, 'intervalMs' | 'staleAfterMs'>> = Object.freeze({
  failureThreshold: 2,
  recoveryThreshold: 2,
  quorum: null,
  maxLatencyMs: null,
  recheckMs: 5_000,
  downStatus: 'major_outage',
  slowStatus: 'degraded_performance',
});

const MONITOR_STATUSES: readonly ComponentStatus[] = ['degraded_performance', 'partial_outage', 'major_outage'];

/**
 * The default policy for a check interval, with overrides. `staleAfterMs` defaults to
 * 3 × `intervalMs`. Throws an `invalid` DomainError (`INVALID_MONITOR_POLICY`) for a policy that
 * could never work (zero thresholds, a non-positive interval, a maintenance or operational outage
 * status…).
 */
export function policyFor(intervalMs: number, overrides: Partial<EvaluationPolicy> = {}): EvaluationPolicy {
  const policy: EvaluationPolicy = {
    ...DEFAULT_POLICY,
    intervalMs,
    staleAfterMs: DEFAULT_STALE_INTERVALS * intervalMs,
    ...overrides,
  };
  validatePolicy(policy);
  return policy;
}

/** Check a policy; throws an `invalid` DomainError naming the first bad field. */
export function validatePolicy(policy: EvaluationPolicy): void {
  const bad = (field: string, rule: string): never => {
    throw invalid('INVALID_MONITOR_POLICY', `${field} must be ${rule}.`, { field });
  };
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  const positive = (n: number) => Number.isFinite(n) && n > 0;
  if (!positiveInt(policy.failureThreshold)) bad('failureThreshold', 'an integer of at least 1');
  if (!positiveInt(policy.recoveryThreshold)) bad('recoveryThreshold', 'an integer of at least 1');
  if (policy.quorum !== null && !positiveInt(policy.quorum)) bad('quorum', 'null or an integer of at least 1');
  if (policy.maxLatencyMs !== null && !positive(policy.maxLatencyMs)) bad('maxLatencyMs', 'null or a positive number');
  if (!positive(policy.intervalMs)) bad('intervalMs', 'a positive number');
  if (!positive(policy.recheckMs)) bad('recheckMs', 'a positive number');
  if (!positive(policy.staleAfterMs)) bad('staleAfterMs', 'a positive number');
  if (!isComponentStatus(policy.downStatus) || !MONITOR_STATUSES.includes(policy.downStatus))
    bad('downStatus', `one of ${MONITOR_STATUSES.join(', ')}`);
  if (
    !isComponentStatus(policy.slowStatus) ||
    (policy.slowStatus !== 'operational' && !MONITOR_STATUSES.includes(policy.slowStatus))
  )
    bad('slowStatus', `operational or one of ${MONITOR_STATUSES.join(', ')}`);
}

/** How one result is classified. */
export type ResultKind = 'up' | 'slow' | 'down';

/** What one location currently says (`unknown` before its first verdict). */
export type Verdict = 'unknown' | ResultKind;

/** One location's running counters. */
export interface LocationState {
  location: string;
  verdict: Verdict;
  /** Consecutive `up` results, latest included. */
  consecutiveUp: number;
  /** Consecutive results that were not up (`slow` or `down`). */
  consecutiveNotUp: number;
  /** Consecutive `down` results. */
  consecutiveDown: number;
  /** Consecutive results that were not down (`up` or `slow`): how far a down location has recovered. */
  consecutiveNotDown: number;
  /** When the latest result was applied (epoch ms). */
  lastAt: number | null;
  lastResult: CheckResult | null;
  /** Why the latest non-up result was bad (`timeout`, `slow (> 1000 ms)`…), for transition reasons. */
  lastProblem: string | null;
}

/** The monitor's state and each location's. */
export interface MonitorState {
  state: Verdict;
  /** When `state` was entered (epoch ms); null while unknown. */
  since: number | null;
  locations: Record<string, LocationState>;
}

/** A change of the monitor's state, to act on (component status, incident, alert). */
export interface Transition {
  from: Verdict;
  to: Verdict;
  at: number;
  /** Fresh locations saying down, sorted. */
  downLocations: string[];
  /** Fresh locations saying slow, sorted. */
  slowLocations: string[];
  /** e.g. "timeout in eu, us (2 of 3 locations)" or "up in eu, us (2 of 3 locations)". */
  reason: string;
}

/** What `applyResult` and `evaluateAt` return. */
export interface Evaluation {
  state: MonitorState;
  transition: Transition | null;
}

/** An input to `reduceMonitor`: a check result from a location, or time passing. */
export type MonitorEvent =
  { type: 'result'; location: string; result: CheckResult; at: number } | { type: 'tick'; at: number };

/** A monitor nobody has checked yet. */
export function initialState(): MonitorState {
  return { state: 'unknown', since: null, locations: {} };
}

/** Classify one result: failed → down; ok but slower than `maxLatencyMs` → slow; else up. */
export function classifyResult(result: CheckResult, policy: EvaluationPolicy): ResultKind {
  if (!result.ok) return 'down';
  if (policy.maxLatencyMs !== null && result.ms > policy.maxLatencyMs) return 'slow';
  return 'up';
}

/**
 * Fold one result from one location, received at `atMs`, into the state. Returns a new state (the
 * input is never changed) and the monitor's transition if this result caused one. A result older
 * than the location's latest one (a late delivery) is ignored: the state is returned as is.
 */
export function applyResult(
  state: MonitorState,
  location: string,
  result: CheckResult,
  atMs: number,
  policy: EvaluationPolicy,
): Evaluation {
  const previous = state.locations[location] ?? emptyLocation(location);
  if (previous.lastAt !== null && atMs < previous.lastAt) return { state, transition: null };
  const kind = classifyResult(result, policy);
  const counters: LocationState = {
    ...previous,
    consecutiveUp: kind === 'up' ? previous.consecutiveUp + 1 : 0,
    consecutiveNotUp: kind === 'up' ? 0 : previous.consecutiveNotUp + 1,
    consecutiveDown: kind === 'down' ? previous.consecutiveDown + 1 : 0,
    consecutiveNotDown: kind === 'down' ? 0 : previous.consecutiveNotDown + 1,
    lastAt: atMs,
    lastResult: result,
  };
  const verdict = locationVerdict(previous.verdict, counters, policy);
  // A down location keeps its failure as the reason while it recovers through slow answers.
  const problem = kind === 'slow' && verdict === 'down' ? null : problemOf(kind, result, policy);
  const located: LocationState = { ...counters, verdict, lastProblem: problem ?? previous.lastProblem };
  return settle(state, { ...state.locations, [location]: located }, atMs, policy);
}

/**
 * Re-evaluate the monitor at `atMs` without a new result, so that locations that went silent stop
 * counting (e.g. the only location saying down goes stale while another says up → up). When every
 * location is stale the state is kept.
 */
export function evaluateAt(state: MonitorState, atMs: number, policy: EvaluationPolicy): Evaluation {
  return settle(state, state.locations, atMs, policy);
}

/** The same two operations as one reducer over events. */
export function reduceMonitor(state: MonitorState, event: MonitorEvent, policy: EvaluationPolicy): Evaluation {
  return event.type === 'result'
    ? applyResult(state, event.location, event.result, event.at, policy)
    : evaluateAt(state, event.at, policy);
}

/**
 * True while a location has a failure it has not yet confirmed: bad results below the threshold
 * while it says up (or nothing yet), or down results below the threshold while it says slow.
 */
export function hasUnconfirmedFailure(location: LocationState, policy: EvaluationPolicy): boolean {
  const pending = (n: number) => n > 0 && n < policy.failureThreshold;
  if (location.verdict === 'up' || location.verdict === 'unknown') return pending(location.consecutiveNotUp);
  if (location.verdict === 'slow') return pending(location.consecutiveDown);
  return false;
}

/**
 * When `location` should run the monitor next, given its last run at `lastRunMs`. Normally one
 * interval later. While any fresh location of the monitor (this one or another) has an unconfirmed
 * failure, every location re-checks after `min(recheckMs, intervalMs)`, so a confirmation and a
 * quorum take seconds, not intervals. Recoveries are not rushed. Locations stale at `lastRunMs` are
 * ignored, so a probe that went silent mid-confirmation does not keep the others re-checking.
 */
export function nextCheckAt(
  state: MonitorState,
  location: string,
  lastRunMs: number,
  policy: EvaluationPolicy,
): number {
  const own = state.locations[location];
  const prompt =
    (own !== undefined && hasUnconfirmedFailure(own, policy)) ||
    Object.values(state.locations).some((l) => isFresh(l, lastRunMs, policy) && hasUnconfirmedFailure(l, policy));
  return lastRunMs + (prompt ? Math.min(policy.recheckMs, policy.intervalMs) : policy.intervalMs);
}

/** The component status a monitor state stands for; null while nothing is known. */
export function componentStatusFor(state: Verdict, policy: EvaluationPolicy): ComponentStatus | null {
  switch (state) {
    case 'down':
      return policy.downStatus;
    case 'slow':
      return policy.slowStatus;
    case 'up':
      return 'operational';
    default:
      return null;
  }
}

function emptyLocation(location: string): LocationState {
  return {
    location,
    verdict: 'unknown',
    consecutiveUp: 0,
    consecutiveNotUp: 0,
    consecutiveDown: 0,
    consecutiveNotDown: 0,
    lastAt: null,
    lastResult: null,
    lastProblem: null,
  };
}

function problemOf(kind: ResultKind, result: CheckResult, policy: EvaluationPolicy): string | null {
  if (kind === 'down') return result.reason || 'failed';
  if (kind === 'slow') return `slow (> ${policy.maxLatencyMs} ms)`;
  return null;
}

function locationVerdict(previous: Verdict, c: LocationState, policy: EvaluationPolicy): Verdict {
  if (c.consecutiveDown >= policy.failureThreshold) return 'down';
  if (previous === 'down') {
    // Leaving down is a recovery: it needs recoveryThreshold results in a row that were not down.
    if (c.consecutiveNotDown < policy.recoveryThreshold) return 'down';
    return c.consecutiveUp >= policy.recoveryThreshold ? 'up' : 'slow';
  }
  // A run of bad results that is not all down (the all-down case returned above).
  if (c.consecutiveNotUp >= policy.failureThreshold) return 'slow';
  // A location without a verdict is believed on its first success: a new monitor shows up at once.
  if (c.consecutiveUp >= (previous === 'unknown' ? 1 : policy.recoveryThreshold)) return 'up';
  return previous;
}

function isFresh(location: LocationState, atMs: number, policy: EvaluationPolicy): boolean {
  return location.lastAt !== null && atMs - location.lastAt <= policy.staleAfterMs;
}

interface Tally {
  state: Verdict;
  down: string[];
  slow: string[];
  up: string[];
  fresh: number;
}

function tally(
  current: Verdict,
  locations: Record<string, LocationState>,
  atMs: number,
  policy: EvaluationPolicy,
): Tally {
  const fresh = Object.entries(locations)
    .filter(([, l]) => isFresh(l, atMs, policy))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const named = (verdict: Verdict) => fresh.filter(([, l]) => l.verdict === verdict).map(([name]) => name);
  const down = named('down');
  const slow = named('slow');
  const up = named('up');
  const n = fresh.length;
  const result = { down, slow, up, fresh: n };
  if (n === 0) return { ...result, state: current };
  const quorum = Math.min(policy.quorum ?? Math.floor(n / 2) + 1, n);
  if (down.length >= quorum) return { ...result, state: 'down' };
  if (down.length + slow.length >= quorum) return { ...result, state: 'slow' };
  // Recovery needs a location that is actually up: otherwise keep the last state rather than flap.
  if (up.length > 0) return { ...result, state: 'up' };
  return { ...result, state: current };
}

function settle(
  state: MonitorState,
  locations: Record<string, LocationState>,
  atMs: number,
  policy: EvaluationPolicy,
): Evaluation {
  const t = tally(state.state, locations, atMs, policy);
  if (t.state === state.state) {
    return { state: locations === state.locations ? state : { ...state, locations }, transition: null };
  }
  const transition: Transition = {
    from: state.state,
    to: t.state,
    at: atMs,
    downLocations: t.down,
    slowLocations: t.slow,
    reason: describe(t, locations),
  };
  return { state: { state: t.state, since: atMs, locations }, transition };
}

function describe(t: Tally, locations: Record<string, LocationState>): string {
  const of = (count: number) => `(${count} of ${t.fresh} location${t.fresh === 1 ? '' : 's'})`;
  if (t.state === 'up') return `up in ${t.up.join(', ')} ${of(t.up.length)}`;
  const names = t.state === 'down' ? t.down : [...t.down, ...t.slow].sort();
  // Group locations by what they saw: "timeout in eu, us; status 503 in ap".
  const byProblem = new Map<string, string[]>();
  for (const name of names) {
    const problem = locations[name]?.lastProblem ?? 'failing';
    byProblem.set(problem, [...(byProblem.get(problem) ?? []), name]);
  }
  const parts = [...byProblem].map(([problem, where]) => `${problem} in ${where.join(', ')}`);
  return `${parts.join('; ')} ${of(names.length)}`;
}
