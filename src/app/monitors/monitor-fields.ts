import type { ComponentStatus } from '../../core/component-status.js';
import { invalid } from '../../core/errors.js';
import {
  newMonitor,
  validateMonitor,
  type AutoIncidentMode,
  type Monitor,
  type MonitorSettings,
  type MonitorType,
} from '../../core/monitor-definition.js';
import { findComponent } from '../../store/components-store.js';
import { findSegment } from '../../store/segments-store.js';
import type { Db } from '../context.js';

/** Fields of a monitor as a caller gives them; `undefined` keeps the current (or default) value. */
export interface MonitorInput {
  type?: MonitorType;
  name?: string;
  componentId?: string;
  segmentId?: string | null;
  settings?: Partial<MonitorSettings>;
  intervalSeconds?: number;
  timeoutMs?: number;
  locations?: string[];
  failureThreshold?: number;
  recoveryThreshold?: number;
  quorum?: number | null;
  maxLatencyMs?: number | null;
  downStatus?: ComponentStatus;
  slowStatus?: ComponentStatus;
  autoIncident?: AutoIncidentMode;
  dependsOn?: string[];
  periodSeconds?: number | null;
  graceSeconds?: number | null;
  paused?: boolean;
}

/**
 * Merge input over a current monitor (or the defaults for a new one), then check the whole:
 * the component and segment must exist on the same page, and the fields must fit together.
 */
export async function buildMonitor(
  db: Db,
  base: Monitor | { id: string; createdAt: string; type: MonitorType },
  input: MonitorInput,
  at: string,
): Promise<Monitor> {
  const current: Monitor = 'pageId' in base ? base : newMonitor(base.id, base.type, base.createdAt);
  const type = input.type ?? current.type;
  const heartbeat = type === 'heartbeat';
  const next: Monitor = {
    ...current,
    type,
    name: input.name ?? current.name,
    componentId: input.componentId ?? current.componentId,
    segmentId: input.segmentId === undefined ? current.segmentId : input.segmentId,
    settings: { ...current.settings, ...definedOnly(input.settings ?? {}) },
    intervalSeconds: input.intervalSeconds ?? current.intervalSeconds,
    timeoutMs: input.timeoutMs ?? current.timeoutMs,
    locations: input.locations ?? current.locations,
    failureThreshold: input.failureThreshold ?? (heartbeat && !('pageId' in base) ? 1 : current.failureThreshold),
    recoveryThreshold: input.recoveryThreshold ?? (heartbeat && !('pageId' in base) ? 1 : current.recoveryThreshold),
    quorum: input.quorum === undefined ? current.quorum : input.quorum,
    maxLatencyMs: input.maxLatencyMs === undefined ? current.maxLatencyMs : input.maxLatencyMs,
    downStatus: input.downStatus ?? current.downStatus,
    slowStatus: input.slowStatus ?? current.slowStatus,
    autoIncident: input.autoIncident ?? current.autoIncident,
    dependsOn: input.dependsOn ?? current.dependsOn,
    periodSeconds: input.periodSeconds === undefined ? current.periodSeconds : input.periodSeconds,
    graceSeconds: input.graceSeconds === undefined ? current.graceSeconds : input.graceSeconds,
    paused: input.paused ?? current.paused,
    updatedAt: at,
  };
  if (heartbeat) {
    next.graceSeconds ??= 0;
    next.intervalSeconds = Math.max(next.periodSeconds ?? next.intervalSeconds, 10);
  }
  if (!next.name) throw invalid('INVALID_MONITOR', 'A monitor needs a name.', { field: 'name' });
  const component = await findComponent(db, next.componentId);
  if (!component) {
    throw invalid('MONITOR_COMPONENT_NOT_FOUND', `component_id "${next.componentId}" names no component.`, {
      field: 'component_id',
    });
  }
  next.pageId = component.pageId;
  if (next.segmentId) {
    const segment = await findSegment(db, next.segmentId);
    if (!segment || segment.pageId !== component.pageId) {
      throw invalid(
        'MONITOR_SEGMENT_NOT_FOUND',
        `segment_id "${next.segmentId}" names no segment of the component's page.`,
        {
          field: 'segment_id',
        },
      );
    }
  }
  for (const id of new Set(next.dependsOn)) {
    const dependency = await findComponent(db, id);
    if (!dependency || dependency.pageId !== component.pageId) {
      throw invalid(
        'MONITOR_DEPENDENCY_NOT_FOUND',
        `depends_on names "${id}", which is no component of the same page.`,
        {
          field: 'depends_on',
        },
      );
    }
  }
  next.dependsOn = [...new Set(next.dependsOn)];
  validateMonitor(next);
  return next;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A monitor as written to the audit log: header values may be the target's credentials. */
export function auditView(m: Monitor): Monitor {
  const headers = Object.fromEntries(Object.keys(m.settings.headers).map((name) => [name, '[redacted]']));
  return { ...m, settings: { ...m.settings, headers } };
}
