import type { FastifyError } from 'fastify';
import { DomainError, type ErrorKind } from '../core/errors.js';

/** The one place error kinds become HTTP statuses. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unavailable: 503,
};

/** The JSON error envelope every API error uses. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

// Errors a driver raises when the database cannot be reached; they mean "try again", not "bug".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  '57P01',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** True when an error means the database is out of reach. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_BUSY'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Query read timeout|database is locked/i.test(
    message,
  );
}

/** Map any error to a status code and the error envelope. Unknown errors are 500 INTERNAL. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (error instanceof DomainError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: STATUS_BY_KIND[error.kind], body, unexpected: false };
  }
  const fastifyError = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fastifyError.validation) {
    const part = fastifyError.validationContext ?? 'body';
    const details = fastifyError.validation.map((issue) => describeIssue(part, issue));
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: `The request ${part} is invalid: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`,
          details,
        },
      },
      unexpected: false,
    };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return simple(
        413,
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than this server accepts (PHAROS_BODY_LIMIT_BYTES).',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return simple(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return simple(400, 'EMPTY_BODY', 'The request says it carries JSON but the body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return simple(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
  if (fastifyError.statusCode === 400 && fastifyError.name === 'SyntaxError') {
    return simple(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
  if (isDatabaseUnavailable(error)) {
    return simple(503, 'UNAVAILABLE', 'The database is unreachable right now; nothing was changed. Retry shortly.');
  }
  return { ...simple(500, 'INTERNAL', 'Something went wrong on our side; the error was logged.'), unexpected: true };
}

function simple(
  status: number,
  code: string,
  message: string,
): { status: number; body: ErrorBody; unexpected: boolean } {
  return { status, body: { error: { code, message } }, unexpected: false };
}

function describeIssue(part: string, issue: AjvIssue): { field: string; problem: string } {
  const path = (issue.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('');
  const base = `${part}${path}`;
  const params = issue.params ?? {};
  if (issue.keyword === 'additionalProperties') {
    return { field: `${base}.${String(params.additionalProperty)}`, problem: 'is not a known field; remove it' };
  }
  if (issue.keyword === 'required') {
    return { field: `${base}.${String(params.missingProperty)}`, problem: 'is required' };
  }
  if (issue.keyword === 'enum') {
    const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.join(', ') : '';
    return { field: base, problem: `must be one of: ${allowed}` };
  }
  return { field: base, problem: issue.message ?? 'is invalid' };
}
