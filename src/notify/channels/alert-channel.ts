import type { NotificationContent } from '../../core/notification.js';
import { buildAlertPayload } from '../../core/webhook-payload.js';
import { postJson, type PostResult } from '../../net/post-json.js';

/** Operator alerts (a webhook parked, deliveries failing) as flat JSON to one URL. */
export interface AlertChannel {
  send(content: NotificationContent, eventId: string): Promise<PostResult>;
}

/**
 * The generic JSON webhook for operator alerts (PHAROS_ALERT_WEBHOOK_URL): one flat object per
 * alert, easy to route into any chat or paging tool. The operator configured the URL, so private
 * targets are allowed.
 */
export function createAlertChannel(url: string, options: { timeoutMs?: number } = {}): AlertChannel {
  return {
    send(content, eventId) {
      return postJson(url, JSON.stringify(buildAlertPayload(content, eventId)), {
        timeoutMs: options.timeoutMs ?? 10_000,
        headers: { 'Idempotency-Key': `pharos-alert-${eventId}` },
        allowPrivateTargets: true,
      });
    },
  };
}
