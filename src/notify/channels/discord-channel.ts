import { composeMessage } from '../../core/notification-messages.js';
import { postJson } from '../../net/post-json.js';
import type { Channel, OutboundMessage } from '../channel.js';
import type { HttpChannelOptions } from './webhook-channel.js';

/** Discord incoming webhooks: one embed, coloured by severity. */
export function createDiscordChannel(options: HttpChannelOptions = {}): Channel {
  return {
    async send(message: OutboundMessage) {
      const m = composeMessage(message.content, message.subscriber.language, message.links);
      const body = JSON.stringify({
        username: message.content.page.name.slice(0, 80),
        // No pings from a status message.
        allowed_mentions: { parse: [] },
        embeds: [
          {
            title: m.headline.slice(0, 256),
            description: (m.text.split('\n\n')[1] ?? '').slice(0, 4096),
            url: message.content.url,
            color: parseInt(m.color.slice(1), 16),
            timestamp: message.content.at,
          },
        ],
      });
      const r = await postJson(message.subscriber.address, body, {
        timeoutMs: options.timeoutMs ?? 30_000,
        headers: { 'Idempotency-Key': message.idempotencyKey },
        allowPrivateTargets: options.allowPrivateTargets,
      });
      return { ok: r.ok, statusCode: r.status, reason: r.reason, ms: r.ms };
    },
    close: () => Promise.resolve(),
  };
}
