import type { Actor } from '#domain';

/** What every event this application writes records about who caused it and why (DOMAIN.md). */
export interface EventMetadata {
  actor: string;
  roles: readonly string[];
  commandId: string;
  correlationId: string;
  causationId: string;
  [key: string]: unknown;
}

export function eventMetadata(actor: Actor, ids: { commandId: string; correlationId?: string; causationId?: string }): EventMetadata {
  return {
    actor: actor.id,
    roles: actor.roles,
    commandId: ids.commandId,
    correlationId: ids.correlationId ?? ids.commandId,
    causationId: ids.causationId ?? ids.commandId,
  };
}

/** The actor of imports and seeding. */
export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['admin'] };
