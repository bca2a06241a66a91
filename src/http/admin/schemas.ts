import { Type, type Static, type TSchema } from 'typebox';
import { COMPONENT_STATUSES } from '../../core/component-status.js';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../../core/incident-lifecycle.js';
import { ROLES } from '../../core/model.js';

/** A string enum that shows as `{ type: string, enum: [...] }` in the OpenAPI document. */
export function stringEnum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/** A schema that also accepts null. */
export function nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

const Id = Type.String({ minLength: 1, maxLength: 64, description: 'A 12-character base36 id.' });
const Name = Type.String({ minLength: 1, maxLength: 255 });
const Description = nullable(Type.String({ maxLength: 2000 }));
const Position = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const Timestamp = Type.String({
  format: 'date-time',
  description: 'ISO 8601 date-time with a zone; stored and returned in UTC.',
});
const Markdown = Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown.' });
const DateOnly = nullable(Type.String({ format: 'date' }));

export const ComponentStatusSchema = stringEnum(COMPONENT_STATUSES);
export const IncidentStatusSchema = stringEnum(INCIDENT_STATUSES);
export const IncidentImpactSchema = stringEnum(INCIDENT_IMPACTS);
export const RoleSchema = stringEnum(ROLES);

/** The error envelope. */
export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable machine-readable code, listed in docs/errors.md.' }),
    message: Type.String({ description: 'What went wrong and how to fix it.' }),
    details: Type.Optional(Type.Unknown()),
  }),
});

export const IdParams = Type.Object({ id: Id });
export const PageQuery = Type.Object({ page_id: Type.Optional(Id) }, { additionalProperties: false });

// ---- pages
const FooterLinkSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60 }),
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) or mailto URL.' }),
  },
  { additionalProperties: false },
);
export const PageSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  time_zone: Type.String(),
  url: nullable(Type.String()),
  default_lang: Type.String(),
  logo_url: nullable(Type.String()),
  accent_color: nullable(Type.String()),
  footer_links: Type.Array(FooterLinkSchema),
  custom_domain: nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const CreatePageBody = Type.Object(
  {
    name: Name,
    slug: Type.String({ minLength: 1, maxLength: 64, description: 'Lowercase letters, digits and dashes.' }),
    time_zone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris.' }),
    ),
    url: Type.Optional(nullable(Type.String({ format: 'uri', maxLength: 2000 }))),
    default_lang: Type.Optional(Type.String({ description: 'Language of the public page: en or fr.' })),
    logo_url: Type.Optional(
      nullable(Type.String({ maxLength: 2000, description: 'https URL or root-relative path of the logo.' })),
    ),
    accent_color: Type.Optional(nullable(Type.String({ description: 'Accent colour as #rrggbb.' }))),
    footer_links: Type.Optional(Type.Array(FooterLinkSchema, { maxItems: 10 })),
    custom_domain: Type.Optional(
      nullable(
        Type.String({ maxLength: 253, description: 'Host name that serves this page, e.g. status.example.com.' }),
      ),
    ),
  },
  { additionalProperties: false },
);
export const UpdatePageBody = Type.Partial(CreatePageBody, { additionalProperties: false, minProperties: 1 });

// ---- groups and segments (same shape)
export const GroupSchema = Type.Object({
  id: Type.String(),
  page_id: Type.String(),
  name: Type.String(),
  description: nullable(Type.String()),
  position: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const CreateGroupBody = Type.Object(
  {
    page_id: Type.Optional(Id),
    name: Name,
    description: Type.Optional(Description),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);
export const UpdateGroupBody = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(Description), position: Type.Optional(Position) },
  { additionalProperties: false, minProperties: 1 },
);

// ---- components
export const ComponentSchema = Type.Object({
  id: Type.String(),
  page_id: Type.String(),
  group_id: nullable(Type.String()),
  name: Type.String(),
  description: nullable(Type.String()),
  status: ComponentStatusSchema,
  position: Type.Integer(),
  showcase: Type.Boolean(),
  only_show_if_degraded: Type.Boolean(),
  start_date: nullable(Type.String()),
  segments: Type.Array(Type.Object({ segment_id: Type.String(), status: ComponentStatusSchema }), {
    description:
      "Status in each of the page's segments: the worst of the segment's own status and the whole component's.",
  }),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const CreateComponentBody = Type.Object(
  {
    page_id: Type.Optional(Id),
    name: Name,
    description: Type.Optional(Description),
    group_id: Type.Optional(nullable(Id)),
    status: Type.Optional(ComponentStatusSchema),
    position: Type.Optional(Position),
    showcase: Type.Optional(Type.Boolean()),
    only_show_if_degraded: Type.Optional(Type.Boolean()),
    start_date: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
);
export const UpdateComponentBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    group_id: Type.Optional(nullable(Id)),
    status: Type.Optional(ComponentStatusSchema),
    position: Type.Optional(Position),
    showcase: Type.Optional(Type.Boolean()),
    only_show_if_degraded: Type.Optional(Type.Boolean()),
    start_date: Type.Optional(DateOnly),
    notify: Type.Optional(
      Type.Boolean({ description: 'Tell subscribers about a status change (default true); false to stay silent.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

// ---- incidents
const ComponentChange = Type.Object(
  {
    component_id: Id,
    status: ComponentStatusSchema,
    segment_id: Type.Optional(nullable(Id)),
    effective_at: Type.Optional(nullable(Timestamp)),
  },
  {
    additionalProperties: false,
    description:
      'A component (optionally in one segment) and the status this incident gives it. effective_at defaults to the update time.',
  },
);
export const CreateIncidentBody = Type.Object(
  {
    page_id: Type.Optional(Id),
    name: Name,
    status: Type.Optional(IncidentStatusSchema),
    message: Markdown,
    impact: Type.Optional(nullable(IncidentImpactSchema)),
    components: Type.Optional(Type.Array(ComponentChange, { maxItems: 500 })),
    started_at: Type.Optional(nullable(Timestamp)),
    deliver_notifications: Type.Optional(Type.Boolean()),
    backfilled: Type.Optional(
      Type.Boolean({ description: 'Entered after the fact; defaults to true when created already resolved.' }),
    ),
  },
  { additionalProperties: false },
);
export const CreateIncidentUpdateBody = Type.Object(
  {
    status: IncidentStatusSchema,
    message: Markdown,
    components: Type.Optional(Type.Array(ComponentChange, { maxItems: 500 })),
    display_at: Type.Optional(nullable(Timestamp)),
    deliver_notifications: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const UpdateIncidentBody = Type.Object(
  { name: Type.Optional(Name), impact: Type.Optional(nullable(IncidentImpactSchema)) },
  { additionalProperties: false, minProperties: 1 },
);
export const EditIncidentUpdateBody = Type.Object(
  { message: Type.Optional(Markdown), display_at: Type.Optional(Timestamp) },
  { additionalProperties: false, minProperties: 1 },
);
export const IncidentUpdateParams = Type.Object({ id: Id, update_id: Id });
export const IncidentListQuery = Type.Object(
  {
    page_id: Type.Optional(Id),
    state: Type.Optional(stringEnum(['unresolved', 'resolved'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next_cursor of the previous page.' })),
  },
  { additionalProperties: false },
);

const Span = {
  status: ComponentStatusSchema,
  started_at: nullable(Type.String()),
  ended_at: nullable(Type.String()),
  duration_seconds: Type.Integer(),
  seconds_in_status: Type.Record(Type.String(), Type.Integer()),
};
export const IncidentSchema = Type.Object({
  id: Type.String(),
  page_id: Type.String(),
  name: Type.String(),
  status: IncidentStatusSchema,
  impact: IncidentImpactSchema,
  impact_override: nullable(IncidentImpactSchema),
  backfilled: Type.Boolean(),
  started_at: Type.String(),
  monitoring_at: nullable(Type.String()),
  resolved_at: nullable(Type.String()),
  duration_seconds: Type.Integer({ description: 'From started_at to resolved_at (or now while unresolved).' }),
  created_at: Type.String(),
  updated_at: Type.String(),
  updates: Type.Array(
    Type.Object({
      id: Type.String(),
      status: IncidentStatusSchema,
      body: Type.String(),
      display_at: Type.String(),
      deliver_notifications: Type.Boolean(),
      created_at: Type.String(),
      updated_at: Type.String(),
      affected_components: Type.Array(
        Type.Object({
          component_id: Type.String(),
          component_name: Type.String(),
          segment_id: nullable(Type.String()),
          segment_name: nullable(Type.String()),
          old_status: ComponentStatusSchema,
          new_status: ComponentStatusSchema,
          effective_at: Type.String(),
        }),
      ),
    }),
    { description: 'Newest first.' },
  ),
  impacts: Type.Array(
    Type.Object({
      component_id: Type.String(),
      component_name: Type.String(),
      ...Span,
      segments: Type.Array(Type.Object({ segment_id: Type.String(), segment_name: Type.String(), ...Span })),
    }),
    { description: 'How long each affected component, and each of its segments, was away from operational.' },
  ),
});

// ---- tokens and audit
export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  created_at: Type.String(),
  last_used_at: nullable(Type.String()),
  revoked_at: nullable(Type.String()),
});
export const CreateTokenBody = Type.Object({ name: Name, role: RoleSchema }, { additionalProperties: false });
export const CreatedTokenSchema = Type.Object({
  token: Type.String({ description: 'The secret token. Shown once; only its hash is stored.' }),
  api_token: TokenSchema,
});
export const AuditQuery = Type.Object(
  {
    target_type: Type.Optional(Type.String({ maxLength: 64 })),
    target_id: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    before_id: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export const AuditSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.Object({ type: Type.String(), id: nullable(Type.String()), name: Type.String() }),
  action: Type.String(),
  target_type: Type.String(),
  target_id: Type.String(),
  page_id: nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

/** Wraps a list: `{ data: [...] }`. */
export function listOf<T extends TSchema>(item: T) {
  return Type.Object({ data: Type.Array(item) });
}

export type CreateComponentBodyT = Static<typeof CreateComponentBody>;
export type UpdateComponentBodyT = Static<typeof UpdateComponentBody>;
