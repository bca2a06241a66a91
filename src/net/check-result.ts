import type { CheckResult } from '../core/model.js';

/** Starts a stopwatch; the returned function turns an outcome into a timed CheckResult. */
export function startCheck(now: () => Date): (ok: boolean, reason: string) => CheckResult {
  const started = performance.now();
  return (ok, reason) => ({ ok, reason, ms: Math.round(performance.now() - started), at: now().toISOString() });
}
