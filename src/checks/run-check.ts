import type { CheckResult } from '../core/model.js';
import type { Monitor } from '../core/monitor-definition.js';
import { checkDns } from '../net/dns-check.js';
import { checkHttpMonitor } from '../net/http-monitor-check.js';
import { checkTcp } from '../net/tcp-check.js';
import { checkTls } from '../net/tls-check.js';

/** Runs one monitor's check once. */
export type CheckRunner = (monitor: Monitor) => Promise<CheckResult>;

/**
 * The runner for network checks, through `net/`. Heartbeats are not run over the network: the server
 * passes `heartbeat`, which looks at when the last beat came; a probe has none and never gets one.
 */
export function createCheckRunner(deps: {
  now: () => Date;
  heartbeat?: (monitor: Monitor) => Promise<CheckResult>;
}): CheckRunner {
  return async (m) => {
    const s = m.settings;
    const timeoutMs = m.timeoutMs;
    switch (m.type) {
      case 'http':
        return checkHttpMonitor({
          url: s.url ?? '',
          method: s.method,
          headers: s.headers,
          body: s.body,
          expectedStatusCodes: s.expectedStatusCodes,
          keyword: s.keyword,
          keywordAbsent: s.keywordAbsent,
          jsonPath: s.jsonPath,
          jsonExpected: s.jsonExpected,
          followRedirects: s.followRedirects,
          verifyTls: s.verifyTls,
          timeoutMs,
          now: deps.now,
        });
      case 'tcp':
        return checkTcp(s.host ?? '', s.port ?? 0, { timeoutMs, now: deps.now });
      case 'tls':
        return checkTls(s.host ?? '', s.port ?? 443, {
          warnDays: s.tlsWarnDays,
          verify: s.verifyTls,
          timeoutMs,
          now: deps.now,
        });
      case 'dns':
        return checkDns(s.host ?? '', {
          type: s.dnsRecordType,
          expected: s.dnsExpected,
          resolver: s.dnsResolver,
          timeoutMs,
          now: deps.now,
        });
      case 'heartbeat':
        if (!deps.heartbeat)
          return { ok: false, reason: 'heartbeats are received by the server', ms: 0, at: deps.now().toISOString() };
        return deps.heartbeat(m);
    }
  };
}
