import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { recordHeartbeat, VerifiedPushTokens } from '../../app/monitors/record-heartbeat.js';
import { ErrorSchema } from '../admin/schemas.js';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const Beat = Type.Object({ ok: Type.Boolean(), monitor_id: Type.String() });

/**
 * /api/v1/heartbeat/{token}: a heartbeat monitor's push URL. No bearer token (cron jobs call it with
 * curl); the secret in the path is the credential, checked against a stored hash. GET and POST both
 * count, and any request body is ignored.
 */
export function registerHeartbeatRoutes(http: FastifyInstance, deps: { app: AppContext }): void {
  const verified = new VerifiedPushTokens();
  for (const method of ['GET', 'POST'] as const) {
    http.route({
      method,
      url: '/api/v1/heartbeat/:token',
      schema: {
        tags: ['monitors'],
        summary: `Report a heartbeat (${method})`,
        params: Params,
        security: [],
        response: { 200: Beat, 401: ErrorSchema },
      },
      handler: async (request) => {
        const { token } = request.params as { token: string };
        const beat = await recordHeartbeat(deps.app, token, verified);
        return { ok: true, monitor_id: beat.monitorId };
      },
    });
  }
}
