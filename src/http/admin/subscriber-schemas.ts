import { Type, type Static } from 'typebox';
import { SUBSCRIBER_AUDIENCES, SUBSCRIBER_TYPES } from '../../core/notification.js';
import { nullable, stringEnum } from './schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });

/** A subscriber as the admin API shows it; the webhook secret is never shown, only whether one is set. */
export const SubscriberSchema = Type.Object({
  id: Type.String(),
  page_id: Type.String(),
  type: stringEnum(SUBSCRIBER_TYPES),
  audience: stringEnum(SUBSCRIBER_AUDIENCES),
  email: nullable(Type.String()),
  url: nullable(Type.String()),
  contact_email: nullable(Type.String()),
  language: Type.String(),
  component_ids: Type.Array(Type.String(), { description: 'Empty: the whole page.' }),
  has_secret: Type.Boolean(),
  confirmed_at: nullable(Type.String()),
  quarantined_at: nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** POST /subscribers */
export const CreateSubscriberBody = Type.Object(
  {
    page_id: Type.Optional(Id),
    type: stringEnum(SUBSCRIBER_TYPES),
    audience: Type.Optional(
      stringEnum(
        SUBSCRIBER_AUDIENCES,
        '`public` (default): incidents, components and maintenance. `team`: operator alerts (monitors changing state). `alert` subscribers are `team`.',
      ),
    ),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    url: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Webhook, Slack, Discord, Teams or alert (flat JSON) URL.' }),
    ),
    component_ids: Type.Optional(Type.Array(Id, { maxItems: 500, description: 'Empty or absent: the whole page.' })),
    secret: Type.Optional(
      Type.String({ minLength: 16, maxLength: 256, description: 'Webhook signing secret; never returned.' }),
    ),
    contact_email: Type.Optional(
      Type.String({ maxLength: 254, description: "Where to tell a webhook's owner that it was parked." }),
    ),
    language: Type.Optional(Type.String({ minLength: 2, maxLength: 10, description: 'en or fr.' })),
    confirmed: Type.Optional(
      Type.Boolean({ description: 'E-mail only: skip double opt-in for people who already agreed.' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateSubscriberBodyT = Static<typeof CreateSubscriberBody>;

/** GET /subscribers */
export const SubscriberQuery = Type.Object(
  {
    page_id: Type.Optional(Id),
    type: Type.Optional(stringEnum(SUBSCRIBER_TYPES)),
    audience: Type.Optional(stringEnum(SUBSCRIBER_AUDIENCES)),
    state: Type.Optional(stringEnum(['confirmed', 'unconfirmed', 'quarantined'] as const)),
    component_id: Type.Optional(Id),
    search: Type.Optional(Type.String({ maxLength: 254 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    after: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** A delivery as the admin API shows it. */
export const DeliverySchema = Type.Object({
  id: Type.Integer(),
  event_id: Type.String(),
  subscriber_id: Type.String(),
  channel: Type.String(),
  status: stringEnum(['pending', 'sending', 'delivered', 'failed', 'parked'] as const),
  attempts: Type.Integer(),
  next_attempt_at: Type.String(),
  last_error: nullable(Type.String()),
  delivered_at: nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** GET /deliveries */
export const DeliveryQuery = Type.Object(
  {
    page_id: Type.Optional(Id),
    status: Type.Optional(stringEnum(['pending', 'sending', 'delivered', 'failed', 'parked'] as const)),
    subscriber_id: Type.Optional(Id),
    event_id: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** One attempt of a delivery. */
export const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  started_at: Type.String(),
  duration_ms: Type.Integer(),
  ok: Type.Boolean(),
  status_code: nullable(Type.Integer()),
  error: nullable(Type.String()),
});

export const DeliveryIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
