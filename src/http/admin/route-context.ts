import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.js';
import type { Actor } from '../../core/model.js';
import { ErrorSchema } from './schemas.js';

/** The Fastify instance with TypeBox typing. */
export type TypedApp = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What admin route modules need. */
export interface AdminDeps {
  app: AppContext;
}

/** The authenticated actor of an admin request (set by the auth hook). */
export function actorOf(request: FastifyRequest): Actor {
  const actor = (request as FastifyRequest & { actor?: Actor }).actor;
  if (!actor) throw new Error('admin route reached without an authenticated actor');
  return actor;
}

/** Error responses every admin route documents. */
export const ERROR_RESPONSES = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  410: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  500: ErrorSchema,
  503: ErrorSchema,
};
