import { composeMessage } from '../../core/notification-messages.js';
import { postJson } from '../../net/post-json.js';
import type { Channel, OutboundMessage } from '../channel.js';
import type { HttpChannelOptions } from './webhook-channel.js';

/** Microsoft Teams incoming webhooks (Workflows): a message with one Adaptive Card. */
export function createTeamsChannel(options: HttpChannelOptions = {}): Channel {
  return {
    async send(message: OutboundMessage) {
      const m = composeMessage(message.content, message.subscriber.language, message.links);
      const body = JSON.stringify({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: m.headline, weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: m.text.split('\n\n')[1] ?? '', wrap: true },
              ],
              actions: [{ type: 'Action.OpenUrl', title: message.content.page.name, url: message.content.url }],
            },
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
