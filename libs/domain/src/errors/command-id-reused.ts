import { DomainError } from './domain-error.js';

/**
 * An idempotency key reused for a different request (Stripe's rule): the first request's record
 * stands, and the caller learns which one it is. `differs` names what was asked differently.
 */
export function commandIdReused(kind: 'determination' | 'amendment', id: string, differs: readonly string[]): DomainError {
  return new DomainError(
    'CONFLICT',
    `This commandId was already used for ${kind} ${id} with a different ${differs.join(', ')}: a retry must send the same request; a new request needs a new commandId.`,
    { reason: 'COMMAND_ID_REUSED', [`${kind}Id`]: id, differs: [...differs] },
  );
}
