/** The five public statuses of a component, as Statuspage names them. */
export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;

/** One of the five component statuses. */
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

// Order of badness: maintenance is planned, so it ranks below any unplanned trouble
// (Statuspage shows "Service Under Maintenance" only when nothing is worse).
const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** True when `value` is one of the five component statuses. */
export function isComponentStatus(value: unknown): value is ComponentStatus {
  return typeof value === 'string' && (COMPONENT_STATUSES as readonly string[]).includes(value);
}

/** Rank of a status, higher is worse. */
export function severityOf(status: ComponentStatus): number {
  return SEVERITY[status];
}

/** The worse of the given statuses; `operational` for none. */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) {
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

/**
 * Where a status comes from. A component's public status is the worst of all its sources, so an
 * incident, a maintenance window and a monitor can each hold it without overwriting one another.
 */
export interface StatusSource {
  componentId: string;
  /** `null` when the source applies to the whole component (every segment). */
  segmentId: string | null;
  status: ComponentStatus;
}

/** A component's status, overall and per segment, derived from its sources. */
export interface EffectiveStatus {
  status: ComponentStatus;
  /** Status in each segment that has a source of its own or inherits a whole-component one. */
  segments: Record<string, ComponentStatus>;
}

/**
 * Resolve one component's status from its sources. A whole-component source applies to every
 * segment; a segment's status is the worst of its own sources and the whole-component ones; the
 * component's public status is the worst of everything.
 */
export function resolveEffectiveStatus(
  sources: readonly StatusSource[],
  segmentIds: readonly string[],
): EffectiveStatus {
  const whole = worstStatus(sources.filter((s) => s.segmentId === null).map((s) => s.status));
  const segments: Record<string, ComponentStatus> = {};
  for (const segmentId of segmentIds) {
    const own = sources.filter((s) => s.segmentId === segmentId).map((s) => s.status);
    segments[segmentId] = worstStatus([whole, ...own]);
  }
  return { status: worstStatus(sources.map((s) => s.status)), segments };
}
