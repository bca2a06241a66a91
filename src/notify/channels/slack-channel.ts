import { composeMessage } from '../../core/notification-messages.js';
import { postJson } from '../../net/post-json.js';
import type { Channel, OutboundMessage } from '../channel.js';
import type { HttpChannelOptions } from './webhook-channel.js';

/** Slack incoming webhooks: a short mrkdwn message with a link to the page. */
export function createSlackChannel(options: HttpChannelOptions = {}): Channel {
  return {
    async send(message: OutboundMessage) {
      const m = composeMessage(message.content, message.subscriber.language, message.links);
      const first = m.text.split('\n\n')[1] ?? '';
      const body = JSON.stringify({
        text: `*${m.headline}*\n${first}\n<${message.content.url}|${message.content.page.name}>`,
        unfurl_links: false,
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
