import type { ComponentStatus } from './component-status.js';
import { invalid } from './errors.js';
import { policyFor, type EvaluationPolicy } from './monitor-evaluation.js';

/** The kinds of check a monitor runs. */
export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'tls', 'heartbeat'] as const;

/** One of the kinds of check. */
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** What a monitor does with its incident when it fails: publish at once, keep a draft, or none. */
export const AUTO_INCIDENT_MODES = ['publish', 'draft', 'off'] as const;

/** One of the automatic-incident modes. */
export type AutoIncidentMode = (typeof AUTO_INCIDENT_MODES)[number];

/** HTTP methods a check may send. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** DNS record types a check may ask for. */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT'] as const;

/** The type-specific settings of a monitor; only those of its type are set, the rest are null. */
export interface MonitorSettings {
  url: string | null;
  method: (typeof HTTP_METHODS)[number];
  headers: Record<string, string>;
  body: string | null;
  /** Accepted status codes; empty = any 2xx. */
  expectedStatusCodes: number[];
  keyword: string | null;
  /** true: the keyword must NOT appear. */
  keywordAbsent: boolean;
  /** A dotted path into a JSON body (`data.status`, `items.0.ok`) and the value it must hold. */
  jsonPath: string | null;
  jsonExpected: string | null;
  followRedirects: boolean;
  verifyTls: boolean;
  host: string | null;
  port: number | null;
  dnsRecordType: (typeof DNS_RECORD_TYPES)[number];
  dnsExpected: string | null;
  dnsResolver: string | null;
  tlsWarnDays: number;
}

/** A monitor as stored (never its push token's hash). */
export interface Monitor {
  id: string;
  pageId: string;
  componentId: string;
  segmentId: string | null;
  type: MonitorType;
  name: string;
  settings: MonitorSettings;
  intervalSeconds: number;
  timeoutMs: number;
  locations: string[];
  failureThreshold: number;
  recoveryThreshold: number;
  quorum: number | null;
  maxLatencyMs: number | null;
  downStatus: ComponentStatus;
  slowStatus: ComponentStatus;
  autoIncident: AutoIncidentMode;
  /**
   * Components the monitored service depends on (API → Database). While one of them has an automatic
   * incident open, this monitor's failure joins that incident instead of opening its own.
   */
  dependsOn: string[];
  /** Heartbeat only: a beat is expected every period; missing it by more than the grace is a failure. */
  periodSeconds: number | null;
  graceSeconds: number | null;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The shortest interval a monitor may run at. */
export const MIN_INTERVAL_SECONDS = 10;

/**
 * A monitor with every field at its default (the API's defaults: 60 s, 2 failures to go down and 2
 * successes to recover, local only); callers fill in what they know.
 */
export function newMonitor(id: string, type: MonitorType, at: string): Monitor {
  return {
    id,
    pageId: '',
    componentId: '',
    segmentId: null,
    type,
    name: '',
    settings: defaultSettings(),
    intervalSeconds: 60,
    timeoutMs: 10_000,
    locations: ['local'],
    failureThreshold: 2,
    recoveryThreshold: 2,
    quorum: null,
    maxLatencyMs: null,
    downStatus: 'major_outage',
    slowStatus: 'degraded_performance',
    autoIncident: 'publish',
    dependsOn: [],
    periodSeconds: null,
    graceSeconds: null,
    paused: false,
    createdAt: at,
    updatedAt: at,
  };
}

/** Settings with every field at its default. */
export function defaultSettings(): MonitorSettings {
  return {
    url: null,
    method: 'GET',
    headers: {},
    body: null,
    expectedStatusCodes: [],
    keyword: null,
    keywordAbsent: false,
    jsonPath: null,
    jsonExpected: null,
    followRedirects: false,
    verifyTls: true,
    host: null,
    port: null,
    dnsRecordType: 'A',
    dnsExpected: null,
    dnsResolver: null,
    tlsWarnDays: 14,
  };
}

/**
 * Check a monitor's fields together (the HTTP schema checks each field alone). Throws an `invalid`
 * DomainError naming the field: INVALID_MONITOR for a missing target, INVALID_MONITOR_POLICY for
 * thresholds that could never work.
 */
export function validateMonitor(m: Monitor): void {
  const bad = (field: string, message: string): never => {
    throw invalid('INVALID_MONITOR', message, { field });
  };
  const s = m.settings;
  if (m.type === 'http') {
    if (!s.url) bad('url', 'An http monitor needs a url.');
    let parsed: URL | null = null;
    try {
      parsed = new URL(s.url!);
    } catch {
      bad('url', `url "${s.url}" is not an absolute URL.`);
    }
    if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      bad('url', 'url must start with http:// or https://.');
    if ((s.jsonPath === null) !== (s.jsonExpected === null))
      bad('json_path', 'json_path and json_expected go together.');
  }
  if ((m.type === 'tcp' || m.type === 'tls') && (!s.host || s.port === null))
    bad(s.host ? 'port' : 'host', `A ${m.type} monitor needs a host and a port.`);
  if (m.type === 'dns' && !s.host) bad('host', 'A dns monitor needs a host (the name to resolve).');
  if (m.type === 'heartbeat') {
    if (m.periodSeconds === null) bad('period_seconds', 'A heartbeat monitor needs period_seconds.');
    if (m.locations.some((l) => l !== 'local'))
      bad('locations', 'A heartbeat is received by the server, so its only location is "local".');
  }
  if (m.intervalSeconds < MIN_INTERVAL_SECONDS)
    bad('interval_seconds', `interval_seconds must be at least ${MIN_INTERVAL_SECONDS}.`);
  if (m.timeoutMs > m.intervalSeconds * 1000) bad('timeout_ms', 'timeout_ms must not be longer than the interval.');
  if (m.locations.length === 0) bad('locations', 'A monitor needs at least one location.');
  if (new Set(m.locations).size !== m.locations.length) bad('locations', 'locations must not repeat.');
  if (m.dependsOn.includes(m.componentId))
    bad('depends_on', 'A monitor cannot name its own component as a dependency.');
  if (m.quorum !== null && m.quorum > m.locations.length)
    throw invalid('INVALID_MONITOR_POLICY', 'quorum cannot exceed the number of locations.', { field: 'quorum' });
  policyOf(m);
}

/** How often a monitor runs: its interval, or for a heartbeat its period. */
export function runEveryMs(m: Pick<Monitor, 'type' | 'intervalSeconds' | 'periodSeconds'>): number {
  return (m.type === 'heartbeat' ? (m.periodSeconds ?? m.intervalSeconds) : m.intervalSeconds) * 1000;
}

/** The evaluation policy of a monitor (throws INVALID_MONITOR_POLICY for an impossible one). */
export function policyOf(m: Monitor): EvaluationPolicy {
  return policyFor(runEveryMs(m), {
    failureThreshold: m.failureThreshold,
    recoveryThreshold: m.recoveryThreshold,
    quorum: m.quorum,
    maxLatencyMs: m.maxLatencyMs,
    downStatus: m.downStatus,
    slowStatus: m.slowStatus,
  });
}
