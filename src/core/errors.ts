/** The kinds of failure a use case can report; `http/` maps each kind to one status code. */
export type ErrorKind =
  'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'unavailable' | 'too_large' | 'gone';

/** An expected failure with a stable code that clients can rely on. */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: unknown;

  constructor(kind: ErrorKind, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

/** Shorthand for an `invalid` error. */
export function invalid(code: string, message: string, details?: unknown): DomainError {
  return new DomainError('invalid', code, message, details);
}

/** Shorthand for a `not_found` error. */
export function notFound(code: string, message: string, details?: unknown): DomainError {
  return new DomainError('not_found', code, message, details);
}

/** Shorthand for a `conflict` error. */
export function conflict(code: string, message: string, details?: unknown): DomainError {
  return new DomainError('conflict', code, message, details);
}
