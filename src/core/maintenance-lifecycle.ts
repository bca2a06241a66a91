/** Maintenance statuses, Statuspage's names, plus `cancelled`. */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;

/** One maintenance status. */
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** The part of an occurrence the clock looks at. */
export interface OccurrenceState {
  status: MaintenanceStatus;
  startsAt: string;
  endsAt: string;
}

/** How a maintenance window behaves on its own. */
export interface AutomationPolicy {
  /** Go `in_progress` at the start (and put components under maintenance). */
  autoStart: boolean;
  /** Leave `in_progress` at the end. */
  autoComplete: boolean;
  /** Checks must pass before completing: the window waits in `verifying` until they do. */
  requiresValidation: boolean;
}

/** Statuses a window can no longer leave. */
export function isFinal(status: MaintenanceStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

/**
 * The transition the clock owes an occurrence at `now`, or null. A window whose whole span passed
 * while nobody was running (a restart, an outage of Pharos itself) still starts and then ends, one
 * step per call, so each transition is recorded exactly once and in order.
 */
export function dueTransition(
  occurrence: OccurrenceState,
  policy: AutomationPolicy,
  now: string,
): MaintenanceStatus | null {
  const t = Date.parse(now);
  if (occurrence.status === 'scheduled' && policy.autoStart && t >= Date.parse(occurrence.startsAt))
    return 'in_progress';
  if (occurrence.status === 'in_progress' && policy.autoComplete && t >= Date.parse(occurrence.endsAt)) {
    return policy.requiresValidation ? 'verifying' : 'completed';
  }
  return null;
}

/** Which manual moves an operator may make. Automation uses the same rule. */
export function canMove(from: MaintenanceStatus, to: MaintenanceStatus): boolean {
  if (from === to || isFinal(from)) return false;
  const allowed: Record<MaintenanceStatus, MaintenanceStatus[]> = {
    scheduled: ['in_progress', 'completed', 'cancelled'],
    in_progress: ['verifying', 'completed', 'cancelled'],
    verifying: ['in_progress', 'completed', 'cancelled'],
    completed: [],
    cancelled: [],
  };
  return allowed[from].includes(to);
}

/** The default update text for an automatic transition. */
export function automaticMessage(to: MaintenanceStatus): string {
  switch (to) {
    case 'in_progress':
      return 'Scheduled maintenance is currently in progress. We will provide updates as necessary.';
    case 'verifying':
      return 'Maintenance work is done; we are verifying that every affected service works end to end.';
    case 'completed':
      return 'The scheduled maintenance has been completed.';
    case 'cancelled':
      return 'This scheduled maintenance has been cancelled.';
    default:
      return 'Maintenance scheduled.';
  }
}
