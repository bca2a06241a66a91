import { buildWebhookPayload } from '../../core/webhook-payload.js';
import { postJson } from '../../net/post-json.js';
import type { Channel, OutboundMessage } from '../channel.js';
import { SIGNATURE_HEADER, signWebhook } from '../webhook-signature.js';

/** Options shared by the HTTP channels. */
export interface HttpChannelOptions {
  timeoutMs?: number;
  /** Allow loopback and private targets (PHAROS_NOTIFY_ALLOW_PRIVATE_TARGETS; tests). */
  allowPrivateTargets?: boolean;
}

/**
 * Statuspage-compatible subscriber webhooks: the `meta`/`page`/`incident` or `component_update`
 * body, signed with HMAC-SHA256 over `<timestamp>.<body>` when the subscriber has a secret.
 * Statuspage wants an answer within 30 s; so do we.
 */
export function createWebhookChannel(options: HttpChannelOptions = {}): Channel {
  return {
    async send(message: OutboundMessage) {
      const body = JSON.stringify(buildWebhookPayload(message.content, message.eventId, message.links.unsubscribe));
      const timestamp = Math.floor(message.now.getTime() / 1000);
      const headers: Record<string, string> = {
        'Idempotency-Key': message.idempotencyKey,
        'X-Pharos-Event': message.content.kind,
        'X-Pharos-Timestamp': String(timestamp),
      };
      if (message.subscriber.secret)
        headers[SIGNATURE_HEADER] = signWebhook(message.subscriber.secret, timestamp, body);
      const r = await postJson(message.subscriber.address, body, {
        timeoutMs: options.timeoutMs ?? 30_000,
        headers,
        allowPrivateTargets: options.allowPrivateTargets,
      });
      return { ok: r.ok, statusCode: r.status, reason: r.reason, ms: r.ms };
    },
    close: () => Promise.resolve(),
  };
}
