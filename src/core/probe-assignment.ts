import { defaultSettings, type Monitor, type MonitorType } from './monitor-definition.js';

/**
 * What a probe receives for one monitor: what to run and how often, nothing about pages,
 * components or incidents. Field names are the API's (snake_case).
 */
export interface ProbeAssignment {
  id: string;
  type: MonitorType;
  name: string;
  interval_seconds: number;
  timeout_ms: number;
  failure_threshold: number;
  recovery_threshold: number;
  max_latency_ms: number | null;
  url: string | null;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  expected_status_codes: number[];
  keyword: string | null;
  keyword_absent: boolean;
  json_path: string | null;
  json_expected: string | null;
  follow_redirects: boolean;
  verify_tls: boolean;
  host: string | null;
  port: number | null;
  dns_record_type: string;
  dns_expected: string | null;
  dns_resolver: string | null;
  tls_warn_days: number;
  updated_at: string;
}

/** A monitor as a probe sees it. */
export function toAssignment(m: Monitor): ProbeAssignment {
  const s = m.settings;
  return {
    id: m.id,
    type: m.type,
    name: m.name,
    interval_seconds: m.intervalSeconds,
    timeout_ms: m.timeoutMs,
    failure_threshold: m.failureThreshold,
    recovery_threshold: m.recoveryThreshold,
    max_latency_ms: m.maxLatencyMs,
    url: s.url,
    method: s.method,
    headers: s.headers,
    body: s.body,
    expected_status_codes: s.expectedStatusCodes,
    keyword: s.keyword,
    keyword_absent: s.keywordAbsent,
    json_path: s.jsonPath,
    json_expected: s.jsonExpected,
    follow_redirects: s.followRedirects,
    verify_tls: s.verifyTls,
    host: s.host,
    port: s.port,
    dns_record_type: s.dnsRecordType,
    dns_expected: s.dnsExpected,
    dns_resolver: s.dnsResolver,
    tls_warn_days: s.tlsWarnDays,
    updated_at: m.updatedAt,
  };
}

/** The monitor a probe runs from an assignment (fields it does not need take neutral values). */
export function fromAssignment(a: ProbeAssignment, location: string): Monitor {
  return {
    id: a.id,
    pageId: '',
    componentId: '',
    segmentId: null,
    type: a.type,
    name: a.name,
    settings: {
      ...defaultSettings(),
      url: a.url,
      method: a.method as Monitor['settings']['method'],
      headers: a.headers,
      body: a.body,
      expectedStatusCodes: a.expected_status_codes,
      keyword: a.keyword,
      keywordAbsent: a.keyword_absent,
      jsonPath: a.json_path,
      jsonExpected: a.json_expected,
      followRedirects: a.follow_redirects,
      verifyTls: a.verify_tls,
      host: a.host,
      port: a.port,
      dnsRecordType: a.dns_record_type as Monitor['settings']['dnsRecordType'],
      dnsExpected: a.dns_expected,
      dnsResolver: a.dns_resolver,
      tlsWarnDays: a.tls_warn_days,
    },
    intervalSeconds: a.interval_seconds,
    timeoutMs: a.timeout_ms,
    locations: [location],
    failureThreshold: a.failure_threshold,
    recoveryThreshold: a.recovery_threshold,
    quorum: null,
    maxLatencyMs: a.max_latency_ms,
    downStatus: 'major_outage',
    slowStatus: 'degraded_performance',
    autoIncident: 'off',
    dependsOn: [],
    periodSeconds: null,
    graceSeconds: null,
    paused: false,
    createdAt: a.updated_at,
    updatedAt: a.updated_at,
  };
}
