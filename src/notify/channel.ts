import type { MessageLinks } from '../core/notification-messages.js';
import type { NotificationContent } from '../core/notification.js';
import type { StoredSubscriber } from '../store/subscribers-store.js';

/** One message to one subscriber, ready for a channel. */
export interface OutboundMessage {
  deliveryId: number;
  eventId: string;
  /**
   * The same on every attempt of this delivery (`pharos-<event>-<subscriber>`): sent as
   * `Idempotency-Key` on HTTP and in the `Message-ID` of e-mails, so the one duplicate a crash
   * mid-send can cause is recognisable as such.
   */
  idempotencyKey: string;
  subscriber: StoredSubscriber;
  content: NotificationContent;
  links: MessageLinks;
  /** Clock of the dispatcher (signature timestamps). */
  now: Date;
}

/** What came of one attempt: a value, never an exception. */
export interface ChannelResult {
  ok: boolean;
  statusCode: number | null;
  /** `ok`, or why it failed. */
  reason: string;
  ms: number;
}

/** A way to deliver messages (e-mail, webhook, Slack…). Adding a channel is one file implementing this. */
export interface Channel {
  send(message: OutboundMessage): Promise<ChannelResult>;
  /** Close pooled connections; sends in flight finish first. */
  close(): Promise<void>;
}
