import type { ComponentStatus } from './component-status.js';

/** Statuspage's top-level indicator. */
export type PageIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** The page roll-up: the indicator and Statuspage's description string. */
export interface PageStatus {
  indicator: PageIndicator;
  description: string;
}

/** The strings Statuspage uses for the top-level status. */
export const PAGE_DESCRIPTIONS = {
  allOperational: 'All Systems Operational',
  majorOutage: 'Major System Outage',
  partialOutage: 'Partial System Outage',
  minorOutage: 'Minor Service Outage',
  degradedAll: 'Degraded System Service',
  degradedSome: 'Partially Degraded Service',
  maintenance: 'Service Under Maintenance',
} as const;

/**
 * Roll the statuses of a page's components (groups excluded) up into one indicator, following
 * Statuspage's documented single-component rule and its blend for several components: the worst
 * case is evaluated first, and "all" versus "some" decides between the stronger and milder string.
 */
export function rollUpPageStatus(statuses: readonly ComponentStatus[]): PageStatus {
  const count = (s: ComponentStatus): number => statuses.filter((x) => x === s).length;
  const total = statuses.length;
  const major = count('major_outage');
  const partial = count('partial_outage');
  const degraded = count('degraded_performance');
  const maintenance = count('under_maintenance');

  if (major > 0) {
    return major === total
      ? { indicator: 'critical', description: PAGE_DESCRIPTIONS.majorOutage }
      : { indicator: 'major', description: PAGE_DESCRIPTIONS.partialOutage };
  }
  if (partial > 0) {
    return partial === total
      ? { indicator: 'major', description: PAGE_DESCRIPTIONS.partialOutage }
      : { indicator: 'minor', description: PAGE_DESCRIPTIONS.minorOutage };
  }
  if (degraded > 0) {
    // "All degraded" needs two or more components: one degraded component alone is, by Statuspage's
    // single-component rule, "Partially Degraded Service".
    return degraded === total && total > 1
      ? { indicator: 'minor', description: PAGE_DESCRIPTIONS.degradedAll }
      : { indicator: 'minor', description: PAGE_DESCRIPTIONS.degradedSome };
  }
  if (maintenance > 0) {
    return { indicator: 'maintenance', description: PAGE_DESCRIPTIONS.maintenance };
  }
  return { indicator: 'none', description: PAGE_DESCRIPTIONS.allOperational };
}
