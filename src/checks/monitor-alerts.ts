import type { Monitor } from '../core/monitor-definition.js';
import type { Transition } from '../core/monitor-evaluation.js';
import { postJson } from '../net/post-json.js';

/** The JSON an operator's webhook receives when a monitor changes state. */
export function alertPayload(monitor: Monitor, transition: Transition) {
  return {
    event: 'monitor.state_changed',
    monitor_id: monitor.id,
    monitor_name: monitor.name,
    component_id: monitor.componentId,
    segment_id: monitor.segmentId,
    from: transition.from,
    to: transition.to,
    at: new Date(transition.at).toISOString(),
    reason: transition.reason,
    down_locations: transition.downLocations,
    slow_locations: transition.slowLocations,
  };
}

/**
 * An operator alert per state change (not the first `unknown → up`, which is just a new monitor
 * coming alive), POSTed to one webhook with a 5 s timeout. Failures are logged, never thrown: an
 * alert channel being down must not stop monitoring.
 */
export function createAlertSender(
  url: string,
  log: (outcome: { ok: boolean; reason: string; monitorId: string }) => void,
): (changes: { monitor: Monitor; transition: Transition }[]) => void {
  return (changes) => {
    for (const { monitor, transition } of changes) {
      if (transition.from === 'unknown' && transition.to === 'up') continue;
      // The operator configured this URL, so private and loopback targets are allowed.
      void postJson(url, JSON.stringify(alertPayload(monitor, transition)), {
        timeoutMs: 5000,
        allowPrivateTargets: true,
      }).then((outcome) => log({ ok: outcome.ok, reason: outcome.reason, monitorId: monitor.id }));
    }
  };
}
