import type { ComponentStatus } from './component-status.js';
import type { CheckResult } from './model.js';

// How check results become a monitor state: per-location confirmation in both directions, then a
// quorum across locations, so one flaky vantage point never declares an outage (Uptime Kuma's most
// common complaint) and one root failure shows once. Pure: times arrive as epoch milliseconds.

/** How a monitor judges its results. */
export interface EvaluationPolicy {
  /** Consecutive failures before a location says down (or slow). */
  failureThreshold: number;
  /** Consecutive successes before a location says up again. */
  recoveryThreshold: number;
  /** Locations that must agree; null = a strict majority of the fresh locations. */
  quorum: number | null;
  /** A successful check slower than this counts as slow; null = latency never degrades. */
  maxLatencyMs: number | null;
  intervalMs: number;
  /** How soon to check again after an unconfirmed failure. */
  recheckMs: number;
  /** A location silent for longer than this no longer counts. */
  staleAfterMs: number;
  downStatus: ComponentStatus;
  slowStatus: ComponentStatus;
}

/** The default policy for a check interval, with overrides. */
export function policyFor(intervalMs: number, overrides: Partial<EvaluationPolicy> = {}): EvaluationPolicy {
  return {
    failureThreshold: 2,
    recoveryThreshold: 2,
    quorum: null,
    maxLatencyMs: null,
    intervalMs,
    recheckMs: 5_000,
    staleAfterMs: 3 * intervalMs,
    downStatus: 'major_outage',
    slowStatus: 'degraded_performance',
    ...overrides,
  };
}

/** What one location currently says. */
export type Verdict = 'unknown' | 'up' | 'slow' | 'down';

/** One location's running counters. */
export interface LocationState {
  verdict: Verdict;
  consecutiveUp: number;
  /** Consecutive results that were not up (slow or down). */
  consecutiveBad: number;
  /** Of those, how many in a row were down. */
  consecutiveDown: number;
  lastAt: number | null;
  lastResult: CheckResult | null;
}

/** The monitor's state and each location's. */
export interface MonitorState {
  state: Verdict;
  since: number | null;
  locations: Record<string, LocationState>;
}

/** A change of the monitor's state, to act on (component status, incident, alert). */
export interface Transition {
  from: Verdict;
  to: Verdict;
  at: number;
  downLocations: string[];
  slowLocations: string[];
  /** e.g. "timeout in eu, us (2 of 3 locations)". */
  reason: string;
}

/** A monitor nobody has checked yet. */
export function initialState(): MonitorState {
  return { state: 'unknown', since: null, locations: {} };
}

/** Classify one result. */
export function classifyResult(result: CheckResult, policy: EvaluationPolicy): 'up' | 'slow' | 'down' {
  if (!result.ok) return 'down';
  if (policy.maxLatencyMs !== null && result.ms > policy.maxLatencyMs) return 'slow';
  return 'up';
}

/**
 * Fold one result from one location into the state. Returns the new state (the input is not
 * changed) and the monitor's transition, if this result caused one.
 */
export function applyResult(
  state: MonitorState,
  location: string,
  result: CheckResult,
  atMs: number,
  policy: EvaluationPolicy,
): { state: MonitorState; transition: Transition | null } {
  const previous = state.locations[location] ?? emptyLocation();
  const kind = classifyResult(result, policy);
  const counters: LocationState = {
    ...previous,
    consecutiveUp: kind === 'up' ? previous.consecutiveUp + 1 : 0,
    consecutiveBad: kind === 'up' ? 0 : previous.consecutiveBad + 1,
    consecutiveDown: kind === 'down' ? previous.consecutiveDown + 1 : 0,
    lastAt: atMs,
    lastResult: result,
  };
  const located: LocationState = { ...counters, verdict: locationVerdict(previous.verdict, counters, policy) };
  const locations = { ...state.locations, [location]: located };
  const next = monitorVerdict(state.state, locations, atMs, policy);
  if (next.state === state.state) return { state: { ...state, locations }, transition: null };
  const transition: Transition = {
    from: state.state,
    to: next.state,
    at: atMs,
    downLocations: next.down,
    slowLocations: next.slow,
    reason: describe(next, locations),
  };
  return { state: { state: next.state, since: atMs, locations }, transition };
}

/**
 * When a location should run the monitor next. Normally one interval after its last run; while any
 * location of the monitor has an unconfirmed failure, every location re-checks promptly so that a
 * confirmation (or a quorum) costs seconds, not intervals.
 */
export function nextCheckAt(
  state: MonitorState,
  location: string,
  lastRunMs: number,
  policy: EvaluationPolicy,
): number {
  const unconfirmed = Object.values(state.locations).some(
    (l) => l.consecutiveBad > 0 && l.consecutiveBad < policy.failureThreshold && l.verdict !== 'down',
  );
  const wait = unconfirmed ? Math.min(policy.recheckMs, policy.intervalMs) : policy.intervalMs;
  return lastRunMs + wait;
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

function emptyLocation(): LocationState {
  return {
    verdict: 'unknown',
    consecutiveUp: 0,
    consecutiveBad: 0,
    consecutiveDown: 0,
    lastAt: null,
    lastResult: null,
  };
}

function locationVerdict(previous: Verdict, c: LocationState, policy: EvaluationPolicy): Verdict {
  if (c.consecutiveDown >= policy.failureThreshold) return 'down';
  if (c.consecutiveBad >= policy.failureThreshold) return 'slow';
  // A new location is believed on its first success: a new monitor should show up at once.
  if (c.consecutiveUp >= (previous === 'unknown' ? 1 : policy.recoveryThreshold)) return 'up';
  return previous;
}

interface Tally {
  state: Verdict;
  down: string[];
  slow: string[];
  fresh: number;
  quorum: number;
}

function monitorVerdict(
  current: Verdict,
  locations: Record<string, LocationState>,
  atMs: number,
  policy: EvaluationPolicy,
): Tally {
  const fresh = Object.entries(locations).filter(
    ([, l]) => l.lastAt !== null && atMs - l.lastAt <= policy.staleAfterMs,
  );
  const down = fresh
    .filter(([, l]) => l.verdict === 'down')
    .map(([name]) => name)
    .sort();
  const slow = fresh
    .filter(([, l]) => l.verdict === 'slow')
    .map(([name]) => name)
    .sort();
  const up = fresh.filter(([, l]) => l.verdict === 'up').length;
  const quorum = Math.min(policy.quorum ?? Math.floor(fresh.length / 2) + 1, Math.max(fresh.length, 1));
  let state: Verdict = current;
  if (fresh.length > 0 && down.length >= quorum) state = 'down';
  else if (fresh.length > 0 && down.length + slow.length >= quorum) state = 'slow';
  // Recovery needs a location that is actually up: all-stale keeps the last state instead of flapping.
  else if (up > 0) state = 'up';
  return { state, down, slow, fresh: fresh.length, quorum };
}

function describe(tally: Tally, locations: Record<string, LocationState>): string {
  const names =
    tally.state === 'down' ? tally.down : tally.state === 'slow' ? [...tally.down, ...tally.slow].sort() : [];
  if (names.length === 0)
    return `recovered (${tally.fresh - tally.down.length - tally.slow.length} of ${tally.fresh} locations up)`;
  const reasons = [...new Set(names.map((n) => locations[n]?.lastResult?.reason ?? 'failing'))].join(', ');
  return `${reasons} in ${names.join(', ')} (${names.length} of ${tally.fresh} locations)`;
}
