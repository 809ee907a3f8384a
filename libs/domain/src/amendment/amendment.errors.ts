import { mayAct, type Actor, type Role } from '../auth/roles.js';
import { DomainError } from '../errors/domain-error.js';
import type { AmendmentStatus } from './amendment.state.js';

/** The stable reasons in `details.reason` of the errors the amendment decider throws. */
export type AmendmentRefusal =
  'AMENDMENT_NOT_FOUND' | 'AMENDMENT_EXISTS' | 'STALE_VERSION' | 'WRONG_STATE' | 'SELF_APPROVAL' | 'ACTOR_ID_AMBIGUOUS' | 'ROLE_REQUIRED' | 'REQUIRED';

function refused(code: DomainError['code'], reason: AmendmentRefusal, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, message, { reason, ...details });
}

export function requireRole(actor: Actor, allowed: readonly Role[], action: string): void {
  if (mayAct(actor, allowed)) return;
  const required = [...allowed, 'admin'];
  throw refused('FORBIDDEN', 'ROLE_REQUIRED', `${action} needs the role ${required.join(' or ')}`, { required });
}

export function notFound(amendmentId: string): DomainError {
  return refused('NOT_FOUND', 'AMENDMENT_NOT_FOUND', `amendment '${amendmentId}' does not exist`, { amendmentId });
}

export function alreadyExists(amendmentId: string): DomainError {
  return refused('CONFLICT', 'AMENDMENT_EXISTS', `amendment '${amendmentId}' already exists`, { amendmentId });
}

/** Named like the store's conflicts, so the API reports them as `expected` and `actual`. */
export function staleVersion(expectedVersion: number, actualVersion: number): DomainError {
  const message = `the amendment is at version ${actualVersion}, not ${expectedVersion}: someone changed it since you read it`;
  return refused('CONFLICT', 'STALE_VERSION', message, { expectedVersion, actualVersion });
}

export function wrongState(action: string, status: AmendmentStatus, allowed: readonly AmendmentStatus[]): DomainError {
  return refused('CONFLICT', 'WRONG_STATE', `cannot ${action} an amendment that is ${status}: only one that is ${allowed.join(' or ')}`, { status, allowed });
}

export function selfApproval(actor: string): DomainError {
  return refused('FORBIDDEN', 'SELF_APPROVAL', `${actor} wrote this amendment and may not approve it: approval needs a second person`, { actor });
}

/**
 * Actor ids are compared exactly everywhere, but two that differ only by case (`Pat`, `pat`) are
 * refused where the four-eyes rule compares them: an identity provider that folds case would make
 * them one person.
 */
export function ambiguousActor(actor: string, other: string): DomainError {
  return refused('FORBIDDEN', 'ACTOR_ID_AMBIGUOUS', `${actor} differs from ${other}, who worked on this amendment, only by case: ask another person`, {
    actor,
    other,
  });
}

export function required(path: string): DomainError {
  return refused('BAD_USER_INPUT', 'REQUIRED', `${path} must not be empty`, { path });
}
