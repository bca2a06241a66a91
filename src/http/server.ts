import { createServer } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { TokenAuthenticator } from '../app/tokens/authenticate-token.js';
import type { Config } from '../config/config.js';
import type { Actor } from '../core/model.js';
import { assertProbeScope } from '../core/permissions.js';
import { registerComponentRoutes } from './admin/components-routes.js';
import { registerGroupRoutes } from './admin/groups-routes.js';
import { registerIncidentRoutes } from './admin/incidents-routes.js';
import { registerMaintenanceRoutes } from './admin/maintenance-routes.js';
import { registerMonitorRoutes } from './admin/monitors-routes.js';
import { registerProbeRoutes } from './admin/probe-routes.js';
import { registerPageRoutes } from './admin/pages-routes.js';
import type { TypedApp } from './admin/route-context.js';
import { registerSegmentRoutes } from './admin/segments-routes.js';
import { registerSubscriberRoutes } from './admin/subscribers-routes.js';
import { registerAccessRoutes } from './admin/tokens-routes.js';
import { toErrorResponse } from './error-response.js';
import { registerHeartbeatRoutes } from './public/heartbeat-routes.js';
import { registerPublicRoutes } from './public/public-routes.js';
import { respondFromSnapshot } from './public/snapshot/snapshot-responder.js';
import type { SnapshotRegistry } from './public/snapshot/snapshot-registry.js';
import { registerSubscribeRoutes } from './public/subscribe-routes.js';
import { createValidatorCompiler } from './validation.js';

/** What the HTTP layer needs from the rest of Pharos. */
export interface HttpDeps {
  app: AppContext;
  config: Pick<Config, 'bodyLimitBytes' | 'publicUrl' | 'trustProxy'>;
  logger: FastifyBaseLogger | false;
  /** The public pages' in-memory snapshots. */
  snapshots: SnapshotRegistry;
}

/** Build the Fastify server with the admin API (/api/v1) and the public JSON (/api/v2). */
export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const http = Fastify({
    loggerInstance: deps.logger === false ? undefined : deps.logger,
    logger: deps.logger === false ? false : undefined,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    // Public page requests are answered from the snapshot before routing: no router, no hooks, no
    // logger on the hottest path. Everything else goes to Fastify.
    serverFactory: (handler) =>
      createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
        if (!respondFromSnapshot(deps.snapshots, req, res)) handler(req, res);
      }),
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
        { name: 'monitors', description: 'Checks that set component statuses and open incidents.' },
        { name: 'probes', description: 'Remote check agents (probe tokens only).' },
        { name: 'audit' },
        { name: 'subscribers', description: 'Subscribers, deliveries and their attempts.' },
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
        const actor = await authenticator.authenticate(request.headers.authorization);
        assertProbeScope(actor, request.routeOptions.url ?? request.url);
        (request as FastifyRequest & { actor?: Actor }).actor = actor;
      });
      registerPageRoutes(typed, { app: deps.app });
      registerComponentRoutes(typed, { app: deps.app });
      registerGroupRoutes(typed, { app: deps.app });
      registerSegmentRoutes(typed, { app: deps.app });
      registerIncidentRoutes(typed, { app: deps.app });
      registerAccessRoutes(typed, { app: deps.app });
      registerMaintenanceRoutes(typed, { app: deps.app });
      registerMonitorRoutes(typed, { app: deps.app, publicUrl: deps.config.publicUrl });
      registerProbeRoutes(typed, { app: deps.app });
      registerSubscriberRoutes(typed, { app: deps.app });
      return Promise.resolve();
    },
    { prefix: '/api/v1' },
  );

  http.get('/api/v1/openapi.json', { schema: { hide: true } }, () => http.swagger());
  registerPublicRoutes(http, deps.snapshots);
  registerHeartbeatRoutes(http, { app: deps.app });
  registerSubscribeRoutes(http, { app: deps.app });
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
