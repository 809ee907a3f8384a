import { userInfo } from 'node:os';
import { ROLES, type Actor, type Role } from '#domain';
import { usageError } from './cli-error.js';

export const ACTOR_OPTIONS = {
  actor: { type: 'string' },
  role: { type: 'string', multiple: true },
} as const;

/**
 * Who a store-writing command acts as. policyctl is an operator tool with direct access to the
 * store: the actor is who the operator says (default: the OS user) with the roles given (default
 * admin). The amendment rules still hold whatever the roles: publishing needs an amendment
 * APPROVED, and nobody who wrote it may approve it (policyctl has no approve command; approval
 * goes through the API).
 */
export function actorOf(values: { actor?: string; role?: string[] }, osUser: () => string = defaultUser): Actor {
  const id = (values.actor ?? osUser()).trim();
  if (id === '') throw usageError('--actor must not be empty');
  const roles = (values.role ?? ['admin']).flatMap((role) => role.split(',')).map((role) => role.trim());
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw usageError(`--role must be one of ${ROLES.join(', ')}, not '${role}'`);
  }
  return { id, roles: roles as Role[] };
}

function defaultUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}
