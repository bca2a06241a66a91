import { DomainError } from './errors.js';
import type { Actor, Role } from './model.js';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

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
