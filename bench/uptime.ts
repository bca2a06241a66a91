// How long the uptime bars of a large page take to compute (pure core, no database):
// 50 components × (the component + 3 segments) × 90 days, with two incidents a week per component
// and a weekly maintenance window. Run: npx tsx bench/uptime.ts
import { performance } from 'node:perf_hooks';
import type { ComponentStatus } from '../src/core/component-status.js';
import { computeUptime, type MaintenanceInterval, type StatusInterval } from '../src/core/uptime.js';

const now = new Date('2026-07-15T12:00:00Z');
const day = 86_400_000;
const statuses: ComponentStatus[] = ['major_outage', 'partial_outage', 'degraded_performance'];

function history(seed: number): { intervals: StatusInterval[]; maintenance: MaintenanceInterval[] } {
  const intervals: StatusInterval[] = [];
  const maintenance: MaintenanceInterval[] = [];
  for (let d = 0; d < 90; d += 3.5) {
    const from = now.getTime() - (90 - d) * day + ((seed * 7919) % 86_400) * 1000;
    intervals.push({
      status: statuses[(seed + Math.floor(d)) % 3]!,
      from: new Date(from).toISOString(),
      to: new Date(from + 45 * 60_000).toISOString(),
      incidentId: `i${seed}-${d}`,
    });
  }
  for (let w = 0; w < 13; w++) {
    const from = now.getTime() - (90 - 7 * w) * day;
    maintenance.push({ from: new Date(from).toISOString(), to: new Date(from + 2 * 3_600_000).toISOString() });
  }
  return { intervals, maintenance };
}

const series = Array.from({ length: 50 * 4 }, (_, i) => history(i));
const run = (): void => {
  for (const h of series) {
    computeUptime({ days: 90, timeZone: 'Europe/Paris', now, start: '2026-01-01T00:00:00Z', ...h });
  }
};
run(); // warm up
const rounds = 10;
const started = performance.now();
for (let i = 0; i < rounds; i++) run();
const ms = (performance.now() - started) / rounds;
console.log(`uptime: ${series.length} series × 90 days in ${ms.toFixed(1)} ms per page`);
