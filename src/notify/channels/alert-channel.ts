import { buildAlertPayload } from '../../core/webhook-payload.js';
import { postJson } from '../../net/post-json.js';
import type { Channel, OutboundMessage } from '../channel.js';

/**
 * The generic JSON webhook for operator alerts (`alert` team subscribers, including the one
 * PHAROS_ALERT_WEBHOOK_URL configures): one flat object per alert, easy to route into any chat or
 * paging tool. Only an admin or the configuration creates these, so private targets are allowed.
 */
export function createAlertChannel(options: { timeoutMs?: number } = {}): Channel {
  return {
    async send(message: OutboundMessage) {
      const r = await postJson(
        message.subscriber.address,
        JSON.stringify(buildAlertPayload(message.content, message.eventId)),
        {
          timeoutMs: options.timeoutMs ?? 10_000,
          headers: { 'Idempotency-Key': message.idempotencyKey },
          allowPrivateTargets: true,
        },
      );
      return { ok: r.ok, statusCode: r.status, reason: r.reason, ms: r.ms };
    },
    close: () => Promise.resolve(),
  };
}
