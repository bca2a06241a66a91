import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { TokenAuthenticator } from '../app/tokens/authenticate-token.js';
import type { Config } from '../config/config.js';
import type { Actor } from '../core/model.js';
import { registerComponentRoutes } from './admin/components-routes.js';
import { registerGroupRoutes } from './admin/groups-routes.js';
import { registerIncidentRoutes } from './admin/incidents-routes.js';
import { registerMaintenanceRoutes } from './admin/maintenance-routes.js';
import { registerPageRoutes } from './admin/pages-routes.js';
import type { TypedApp } from './admin/route-context.js';
import { registerSegmentRoutes } from './admin/segments-routes.js';
import { registerAccessRoutes } from './admin/tokens-routes.js';
import { toErrorResponse } from './error-response.js';
import { createPublicViewLoader } from './public/public-view-loader.js';
import { registerCalendarRoutes } from './public/calendar-routes.js';
import { registerV2Routes } from './public/v2-routes.js';
import { createValidatorCompiler } from './validation.js';

/** What the HTTP layer needs from the rest of Pharos. */
export interface HttpDeps {
  app: AppContext;
  config: Pick<Config, 'bodyLimitBytes' | 'publicUrl' | 'trustProxy'>;
  logger: FastifyBaseLogger | false;
}

/** Build the Fastify server with the admin API (/api/v1) and the public JSON (/api/v2). */
export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const http = Fastify({
    loggerInstance: deps.logger === false ? undefined : deps.logger,
    logger: deps.logger === false ? false : undefined,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    // Never log request bodies or Authorization headers: they carry secrets.
  }).withTypeProvider<TypeBoxTypeProvider>();

  http.setValidatorCompiler(createValidatorCompiler());
  http.setErrorHandler((error, request, reply) => {
    const { status, body, unexpected } = toErrorResponse(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  });
  http.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'ROUTE_NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}.` },
    }),
  );

  await http.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pharos API',
        version: '1',
        description:
          'Admin API (/api/v1, bearer token) and Statuspage-compatible public API (/api/v2, no auth). Errors use { "error": { "code", "message", "details" } }; codes are listed in docs/errors.md.',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `pharos token create`.' },
        },
      },
      tags: [
        { name: 'pages' },
        { name: 'components' },
        { name: 'component-groups' },
        { name: 'segments' },
        { name: 'incidents' },
        { name: 'tokens' },
        { name: 'maintenance', description: 'One-off and recurring maintenance windows.' },
        { name: 'audit' },
        { name: 'public', description: 'Statuspage-compatible, unauthenticated.' },
      ],
    },
  });

  const authenticator = new TokenAuthenticator(deps.app);
  await http.register(
    (admin) => {
      const typed = admin as unknown as TypedApp;
      admin.addHook('onRoute', (route) => {
        route.schema = { ...(route.schema ?? {}), security: [{ bearer: [] }] };
      });
      admin.addHook('onRequest', async (request) => {
        (request as FastifyRequest & { actor?: Actor }).actor = await authenticator.authenticate(
          request.headers.authorization,
        );
      });
      registerPageRoutes(typed, { app: deps.app });
      registerComponentRoutes(typed, { app: deps.app });
      registerGroupRoutes(typed, { app: deps.app });
      registerSegmentRoutes(typed, { app: deps.app });
      registerIncidentRoutes(typed, { app: deps.app });
      registerAccessRoutes(typed, { app: deps.app });
      registerMaintenanceRoutes(typed, { app: deps.app });
      return Promise.resolve();
    },
    { prefix: '/api/v1' },
  );

  http.get('/api/v1/openapi.json', { schema: { hide: true } }, () => http.swagger());
  registerV2Routes(http, { loadView: createPublicViewLoader(deps.app, deps.config.publicUrl) });
  registerCalendarRoutes(http, { app: deps.app, publicUrl: deps.config.publicUrl });
  // Liveness and database reachability in one: 503 while the database is away.
  http.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.app.db);
      return { ok: true, database: 'up' };
    } catch {
      return reply.code(503).send({ ok: false, database: 'unreachable' });
    }
  });
  return http;
}
