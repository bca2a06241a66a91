import type { AppContext } from '../app/context.js';
import { subscriberKey, signSubscriberToken } from '../app/subscribers/subscriber-tokens.js';
import type { MessageLinks } from '../core/notification-messages.js';
import { afterFailure, isOperatorAlert, shouldQuarantine, type NotificationContent } from '../core/notification.js';
import {
  fanOutEvent,
  insertDeliveries,
  listPendingEvents,
  markEventFannedOut,
  saveEventContent,
  subscriberIdsAfter,
  loadEventContents,
} from '../store/notifications-store.js';
import {
  claimDeliveries,
  recentFailureTimes,
  recordAttempts,
  type AttemptRecord,
  type Delivery,
} from '../store/deliveries-store.js';
import { findSubscribersByIds, type StoredSubscriber } from '../store/subscribers-store.js';
import type { Channel, ChannelResult } from './channel.js';
import type { AlertChannel } from './channels/alert-channel.js';
import { quarantineSubscriber } from './quarantine-subscriber.js';
import { renderContent } from './render-content.js';

const FAN_OUT_CHUNK = 1000;

/** How the dispatcher runs. */
export interface DispatcherOptions {
  /** Channels by delivery channel name (`email`, `webhook`, `slack`, `discord`, `teams`). */
  channels: Partial<Record<string, Channel>>;
  publicUrl: string;
  /** This node's name in leases (host and pid). */
  owner: string;
  /** Deliveries claimed per batch. */
  batchSize?: number;
  /** Batches in flight at once, per channel. */
  workers?: number;
  /** How long a claimed delivery is ours before another node may take it over. */
  leaseMs?: number;
  /** How often to look for work when nobody wakes us. */
  pollMs?: number;
  random?: () => number;
  onError?: (error: unknown) => void;
  /** Told when an endpoint is parked (the operator alert). */
  onQuarantine?: (subscriber: StoredSubscriber, content: NotificationContent) => void;
  /** Where operator-alert events go (PHAROS_ALERT_WEBHOOK_URL); without it they are dropped. */
  operatorAlerts?: AlertChannel | null;
}

/** A running dispatcher. */
export interface Dispatcher {
  /** Look for work now (after a notification was queued). */
  wake(): void;
  /** Drain once: fan out pending events and send everything due; resolves when nothing is due. */
  runOnce(): Promise<{ fannedOut: number; attempted: number }>;
  /** Start the polling loop (tests may drive `runOnce` alone instead). */
  start(): void;
  /** Stop looking for work, wait for batches in flight to be recorded, close the channels. */
  stop(): Promise<void>;
}

/**
 * Deliver the outbox: fan each event out to one delivery per matching subscriber, then lease due
 * deliveries in batches, send them through their channel, and record every attempt. A node that
 * dies mid-batch leaves leased deliveries behind; when the lease expires they are sent again
 * carrying the same idempotency key. Failures are retried with exponential backoff; an endpoint
 * failing 10 times within an hour is parked and its owner told.
 */
export function createDispatcher(app: AppContext, options: DispatcherOptions): Dispatcher {
  const batchSize = options.batchSize ?? 100;
  const workers = options.workers ?? 4;
  const leaseMs = options.leaseMs ?? 120_000;
  const random = options.random ?? Math.random;
  const contents = new Map<string, NotificationContent>();

  async function fanOut(): Promise<number> {
    let total = 0;
    for (;;) {
      const events = await listPendingEvents(app.db, 20);
      if (events.length === 0) return total;
      for (const event of events) {
        const content = await renderContent(app, event, options.publicUrl);
        const at = app.now().toISOString();
        if (isOperatorAlert(event.kind)) {
          // For the operators, not subscribers: marked first, then sent once (at most once).
          if ((await markEventFannedOut(app.db, event.id, content, at)) && content && options.operatorAlerts) {
            const sent = await options.operatorAlerts.send(content, event.id);
            if (!sent.ok) options.onError?.(new Error(`operator alert ${event.id} failed: ${sent.reason}`));
          }
          continue;
        }
        if (!content || event.subscriberId) {
          // Messages to one subscriber (confirmation, quarantine notice) always go by e-mail.
          const target = event.subscriberId ? { subscriberId: event.subscriberId, channel: 'email' } : undefined;
          total += (await app.db.transaction().execute((trx) => fanOutEvent(trx, event, content, at, target))) ?? 0;
          continue;
        }
        // Chunk by chunk, so sending starts at once and no statement holds the database for long.
        await saveEventContent(app.db, event.id, content);
        contents.set(event.id, content);
        for (let after: string | null = null; ;) {
          const ids = await subscriberIdsAfter(app.db, event.pageId, after, FAN_OUT_CHUNK);
          if (ids.length === 0) break;
          const range: { afterId: string | null; throughId: string } = {
            afterId: after,
            throughId: ids[ids.length - 1]!,
          };
          total += await app.db.transaction().execute((trx) => insertDeliveries(trx, event, at, undefined, range));
          after = range.throughId;
          await new Promise((resolve) => setImmediate(resolve));
        }
        await markEventFannedOut(app.db, event.id, content, at);
      }
    }
  }

  async function links(subscriber: StoredSubscriber): Promise<MessageLinks> {
    const key = await subscriberKey(app);
    const base = options.publicUrl.replace(/\/+$/, '');
    const manage = signSubscriberToken(key, subscriber, 'manage');
    const confirmExpires = subscriber.confirmExpiresAt ? Date.parse(subscriber.confirmExpiresAt) : 0;
    return {
      manage: `${base}/subscription?token=${manage}`,
      unsubscribe: `${base}/unsubscribe?token=${manage}`,
      confirm: `${base}/subscribe/confirm?token=${signSubscriberToken(key, subscriber, 'confirm', confirmExpires)}`,
    };
  }

  async function sendOne(delivery: Delivery, subscriber: StoredSubscriber | undefined): Promise<ChannelResult> {
    if (!subscriber || subscriber.deletedAt) return { ok: false, statusCode: null, reason: 'unsubscribed', ms: 0 };
    const channel = options.channels[delivery.channel];
    if (!channel) return { ok: false, statusCode: null, reason: `channel ${delivery.channel} not configured`, ms: 0 };
    let content = contents.get(delivery.eventId);
    if (!content) {
      content = (await loadEventContents(app.db, [delivery.eventId])).get(delivery.eventId);
      if (!content) return { ok: false, statusCode: null, reason: 'event has no content', ms: 0 };
      contents.set(delivery.eventId, content);
    }
    return channel.send({
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      idempotencyKey: `pharos-${delivery.eventId}-${delivery.subscriberId}`,
      subscriber,
      content,
      links: await links(subscriber),
      now: app.now(),
    });
  }

  async function runBatch(channel: string): Promise<number> {
    const now = app.now();
    const claimed = await claimDeliveries(app.db, app.dialect, {
      owner: options.owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      limit: batchSize,
      channel,
    });
    if (claimed.length === 0) return 0;
    const missing = [...new Set(claimed.map((d) => d.eventId))].filter((id) => !contents.has(id));
    for (const [id, content] of await loadEventContents(app.db, missing)) contents.set(id, content);
    const subscribers = new Map(
      (await findSubscribersByIds(app.db, [...new Set(claimed.map((d) => d.subscriberId))])).map((s) => [s.id, s]),
    );
    const records = await Promise.all(
      claimed.map(async (delivery): Promise<AttemptRecord> => {
        const startedAt = app.now().toISOString();
        const subscriber = subscribers.get(delivery.subscriberId);
        let result: ChannelResult;
        try {
          result = await sendOne(delivery, subscriber);
        } catch (error) {
          result = { ok: false, statusCode: null, reason: error instanceof Error ? error.message : 'error', ms: 0 };
        }
        const gone = result.reason === 'unsubscribed';
        return {
          deliveryId: delivery.id,
          subscriberId: delivery.subscriberId,
          attempt: delivery.attempts,
          startedAt,
          durationMs: result.ms,
          ok: result.ok,
          statusCode: result.statusCode,
          error: result.ok ? null : result.reason,
          next: result.ok
            ? { status: 'delivered' }
            : gone
              ? { status: 'failed' }
              : afterFailure(delivery.attempts, app.now(), random()),
        };
      }),
    );
    const at = app.now().toISOString();
    await app.db.transaction().execute((trx) => recordAttempts(trx, options.owner, records, at));
    // Counted after the attempts are committed: batches running side by side each see the others'
    // committed failures, so the last one to commit sees them all; the claim parks an endpoint once.
    const parked: StoredSubscriber[] = [];
    const failing = new Set(records.filter((r) => !r.ok && r.error !== 'unsubscribed').map((r) => r.subscriberId));
    for (const id of failing) {
      const s = subscribers.get(id);
      if (!s || s.quarantinedAt) continue;
      const since = new Date(app.now().getTime() - 3_600_000).toISOString();
      if (!shouldQuarantine(s.type, await recentFailureTimes(app.db, id, since), app.now())) continue;
      if (await app.db.transaction().execute((trx) => quarantineSubscriber(trx, app, s))) parked.push(s);
    }
    for (const s of parked) {
      const content = contents.get(claimed.find((d) => d.subscriberId === s.id)!.eventId);
      if (content) options.onQuarantine?.(s, content);
    }
    return claimed.length;
  }

  let running: Promise<{ fannedOut: number; attempted: number }> | null = null;
  let again = false;
  // Each channel drains on its own workers, so a slow SMTP relay never holds webhooks back.
  async function sendChannel(channel: string, fanning: () => boolean): Promise<number> {
    let attempted = 0;
    for (;;) {
      const counts = await Promise.all(Array.from({ length: workers }, () => runBatch(channel)));
      const n = counts.reduce((a, b) => a + b, 0);
      attempted += n;
      if (stopped) break;
      if (n === 0) {
        if (!fanning()) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return attempted;
  }

  async function drain(): Promise<{ fannedOut: number; attempted: number }> {
    let fanning = true;
    const fan = fanOut().finally(() => {
      fanning = false;
    });
    const sent = Promise.all(Object.keys(options.channels).map((c) => sendChannel(c, () => fanning)));
    const [fannedOut, counts] = await Promise.all([fan, sent]);
    // Deliveries fanned out after a channel's last empty claim: one more pass.
    const late = await Promise.all(Object.keys(options.channels).map((c) => sendChannel(c, () => false)));
    if (contents.size > 1000) contents.clear();
    return { fannedOut, attempted: [...counts, ...late].reduce((a, b) => a + b, 0) };
  }
  function runOnce() {
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = null;
    });
    return running;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (stopped) return;
    runOnce()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (stopped) return;
        const delay = again ? 0 : (options.pollMs ?? 1000);
        again = false;
        timer = setTimeout(loop, delay);
      });
  };
  return {
    wake() {
      if (stopped) return;
      again = true;
      if (!running) {
        if (timer) clearTimeout(timer);
        // Give the waking transaction a moment to commit.
        timer = setTimeout(loop, 20);
      }
    },
    runOnce,
    start: loop,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      for (const channel of Object.values(options.channels)) await channel?.close();
    },
  };
}

/** Create a dispatcher and start its loop. */
export function startDispatcher(app: AppContext, options: DispatcherOptions): Dispatcher {
  const dispatcher = createDispatcher(app, options);
  dispatcher.start();
  return dispatcher;
}
