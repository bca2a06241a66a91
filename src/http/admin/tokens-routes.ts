import { Type } from 'typebox';
import { listAudit } from '../../app/audit/list-audit.js';
import { createToken } from '../../app/tokens/create-token.js';
import { listTokens } from '../../app/tokens/list-tokens.js';
import { revokeToken } from '../../app/tokens/revoke-token.js';
import { presentAudit, presentToken } from './presenters.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import {
  AuditQuery,
  AuditSchema,
  CreatedTokenSchema,
  CreateTokenBody,
  IdParams,
  listOf,
  RoleSchema,
  TokenSchema,
} from './schemas.js';

/** /api/v1/tokens, /api/v1/audit and /api/v1/me: who may do what, and what they did. */
export function registerAccessRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/me',
    {
      schema: {
        tags: ['tokens'],
        summary: 'The token making this request',
        response: {
          200: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String(), role: RoleSchema }),
          ...ERROR_RESPONSES,
        },
      },
    },
    (request) => {
      const actor = actorOf(request);
      return { id: actor.id, name: actor.name, role: actor.role };
    },
  );
  http.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'List API tokens (admin)',
        response: { 200: listOf(TokenSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ data: (await listTokens(app, actorOf(request))).map(presentToken) }),
  );
  http.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (admin); the secret is returned once',
        body: CreateTokenBody,
        response: { 201: CreatedTokenSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const created = await createToken(app, actorOf(request), request.body);
      return reply.code(201).send({ token: created.secret, api_token: presentToken(created.token) });
    },
  );
  http.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token (admin)',
        params: IdParams,
        response: { 200: TokenSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentToken(await revokeToken(app, actorOf(request), request.params.id)),
  );
  http.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first (admin)',
        description: 'Page back with before_id set to the id of the last row received.',
        querystring: AuditQuery,
        response: { 200: listOf(AuditSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listAudit(app, actorOf(request), {
        targetType: q.target_type,
        targetId: q.target_id,
        action: q.action,
        beforeId: q.before_id,
        limit: q.limit ?? 100,
      });
      return { data: rows.map(presentAudit) };
    },
  );
}
