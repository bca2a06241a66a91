import type { CheckResult } from './model.js';

// Post-maintenance validation, pure: how the checks named by a maintenance (a URL, monitors) turn
// into one verdict for a window. Seed 000's outage followed maintenance that "completed
// successfully"; these rules decide when a window may really complete, and, during the watch that
// follows, when a failure is real enough to open an incident.

/** One stored result of a monitor. */
export interface MonitorResult {
  location: string;
  /** When the check ran (ISO 8601 UTC). */
  at: string;
  ok: boolean;
  ms: number;
  reason: string;
}

/** A monitor named as a validation target (or watched), with its results taken since a moment. */
export interface MonitorEvidence {
  id: string;
  name: string;
  /** Consecutive failures one location needs before the monitor itself calls it down. */
  failureThreshold: number;
  /** Results taken after the moment that matters (the window's end, or its completion), any order. */
  results: readonly MonitorResult[];
}

/** A check result that may also say "nothing to judge yet". */
export interface ValidationCheck extends CheckResult {
  /** Not a failure: a named monitor has no result yet since the window ended. */
  pending?: boolean;
}

/** The latest result of each location, by location name. */
function latestByLocation(results: readonly MonitorResult[]): Map<string, MonitorResult> {
  const latest = new Map<string, MonitorResult>();
  for (const r of results) {
    const seen = latest.get(r.location);
    if (!seen || r.at > seen.at) latest.set(r.location, r);
  }
  return latest;
}

/** "status 503 in eu, local; timeout in us": failures grouped by what was seen. */
function describeFailures(failures: readonly MonitorResult[]): string {
  const byReason = new Map<string, string[]>();
  for (const f of [...failures].sort((a, b) => a.location.localeCompare(b.location))) {
    byReason.set(f.reason || 'failed', [...(byReason.get(f.reason || 'failed') ?? []), f.location]);
  }
  return [...byReason].map(([reason, where]) => `${reason} in ${where.join(', ')}`).join('; ');
}

/**
 * Whether one monitor passes validation: it has at least one result since the window ended, and the
 * latest result of every location that reported since then is a success. Checks that ran during
 * the window never count, however green they were.
 */
export function judgeMonitorPassing(m: MonitorEvidence, at: string): ValidationCheck {
  const latest = [...latestByLocation(m.results).values()];
  if (latest.length === 0) {
    return { ok: false, pending: true, reason: `${m.name}: no check since the window ended`, ms: 0, at };
  }
  const ms = Math.max(...latest.map((r) => r.ms));
  const last = latest
    .map((r) => r.at)
    .sort()
    .at(-1)!;
  const failures = latest.filter((r) => !r.ok);
  if (failures.length > 0) return { ok: false, reason: `${m.name}: ${describeFailures(failures)}`, ms, at: last };
  const where = latest.map((r) => r.location).sort();
  return { ok: true, reason: `${m.name} passed in ${where.join(', ')}`, ms, at: last };
}

/**
 * Whether one monitor fails during a watch: some location's last `failureThreshold` results since
 * the window completed all failed (the monitor's own confirmation rule, counted only after the
 * completion). A single blip is not enough; no result is not a failure.
 */
export function judgeMonitorWatching(m: MonitorEvidence, at: string): ValidationCheck {
  const needed = Math.max(1, m.failureThreshold);
  const byLocation = new Map<string, MonitorResult[]>();
  for (const r of m.results) byLocation.set(r.location, [...(byLocation.get(r.location) ?? []), r]);
  const confirmed: MonitorResult[] = [];
  for (const results of byLocation.values()) {
    const recent = results.sort((a, b) => a.at.localeCompare(b.at)).slice(-needed);
    if (recent.length === needed && recent.every((r) => !r.ok)) confirmed.push(recent.at(-1)!);
  }
  if (confirmed.length === 0) return { ok: true, reason: `${m.name} passing`, ms: 0, at };
  const times = needed === 1 ? '' : ` (${needed} checks in a row)`;
  return {
    ok: false,
    reason: `${m.name}: ${describeFailures(confirmed)}${times}`,
    ms: Math.max(...confirmed.map((r) => r.ms)),
    at: confirmed
      .map((r) => r.at)
      .sort()
      .at(-1)!,
  };
}

/**
 * The validation URL's result as a part of the verdict. Alone, its reason stays as the check gave
 * it ("status 503"); next to monitors it is prefixed with the URL so the reason says which failed.
 */
export function urlCheck(url: string, check: CheckResult, labelled: boolean): ValidationCheck {
  if (check.ok) return { ...check, reason: `${url} answered in ${check.ms} ms` };
  return labelled ? { ...check, reason: `${url}: ${check.reason}` } : check;
}

/**
 * One verdict from several parts: ok when every part passes; otherwise the reason names the parts
 * that fail (or, when none fails, those still waiting for a result, and the verdict is pending).
 */
export function combineChecks(parts: readonly ValidationCheck[], at: string): ValidationCheck {
  if (parts.length === 0) return { ok: true, reason: 'nothing to check', ms: 0, at };
  const ms = Math.max(...parts.map((p) => p.ms));
  if (parts.every((p) => p.ok)) return { ok: true, reason: parts.map((p) => p.reason).join('; '), ms, at };
  const failing = parts.filter((p) => !p.ok && !p.pending);
  if (failing.length > 0) return { ok: false, reason: failing.map((p) => p.reason).join('; '), ms, at };
  const waiting = parts.filter((p) => !p.ok);
  return { ok: false, pending: true, reason: waiting.map((p) => p.reason).join('; '), ms, at };
}

/** When to look for monitor results: from the window's end, or earlier if it was put in `verifying` early. */
export function validationSince(o: { endsAt: string; verifyingSince: string | null }): string {
  return o.verifyingSince && o.verifyingSince < o.endsAt ? o.verifyingSince : o.endsAt;
}
