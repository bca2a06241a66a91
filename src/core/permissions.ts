import { DomainError } from './errors.js';
import type { Actor, Role } from './model.js';

// A probe ranks below viewer: it reads nothing of the status model (the HTTP layer also keeps it to
// /api/v1/probe/*).
const RANK: Record<Role, number> = { probe: -1, viewer: 0, editor: 1, admin: 2 };

/** What a role may do: viewers read, editors change the status model and incidents, admins also manage pages and tokens. */
export function requireRole(actor: Actor, needed: Role): void {
  if (RANK[actor.role] < RANK[needed]) {
    throw new DomainError(
      'forbidden',
      'FORBIDDEN',
      `This action needs the ${needed} role; the token "${actor.name}" has the ${actor.role} role.`,
    );
  }
}

/** Only a probe token may report check results for a location (docs/decisions/0006). */
export function requireProbe(actor: Actor): void {
  if (actor.role !== 'probe') {
    throw new DomainError(
      'forbidden',
      'PROBE_ONLY',
      `Only probe tokens report check results; the token "${actor.name}" has the ${actor.role} role. Create one with \`pharos token create --role probe\`.`,
    );
  }
}

/** A probe token may call nothing but the probe routes. */
export function assertProbeScope(actor: Actor, path: string): void {
  if (actor.role === 'probe' && !path.startsWith('/api/v1/probe/')) {
    throw new DomainError(
      'forbidden',
      'FORBIDDEN',
      `The probe token "${actor.name}" may only fetch assignments and report results (/api/v1/probe/...).`,
    );
  }
}
