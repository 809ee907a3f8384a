import type { Actor } from '../auth/roles.js';
import type { KnownPolicy } from '../policy/known-policy.js';
import type { Instant } from '../time/instant.js';
import type { AmendmentBase, AmendmentContent } from './amendment.events.js';

/** Every command names the amendment, who acts and when: the shell supplies ids and the clock. */
type Command<T extends string, D = unknown> = { type: T; data: { amendmentId: string; actor: Actor; at: Instant } & D };

/**
 * `known` is the policy the changes are checked against (knownPolicyOf the timeline's events),
 * `base` where that policy's head was. `commandId`: the caller's idempotency key, from which the
 * shell derived the amendment's id; drafting again under it is a retry, not a new amendment.
 */
export type DraftAmendment = Command<'DraftAmendment', AmendmentContent & { policyId: string; base: AmendmentBase; known: KnownPolicy; commandId?: string }>;
/** `expectedVersion` is the version the author edited: a revision of anything newer is refused. */
export type ReviseAmendment = Command<'ReviseAmendment', AmendmentContent & { expectedVersion: number; known: KnownPolicy }>;
export type SubmitAmendment = Command<'SubmitAmendment'>;
export type ApproveAmendment = Command<'ApproveAmendment', { comment?: string }>;
export type RejectAmendment = Command<'RejectAmendment', { reason: string }>;
/** Sent after the shell appended the changes to the policy stream, at this position and revision. */
export type PublishAmendment = Command<'PublishAmendment', { policyPosition: number; policyRevision: number }>;
export type WithdrawAmendment = Command<'WithdrawAmendment', { reason: string }>;
/** Moves the base to the policy's current head after re-checking the changes against `known`. */
export type RebaseAmendment = Command<'RebaseAmendment', { base: AmendmentBase; known: KnownPolicy }>;

export type AmendmentCommand =
  DraftAmendment | ReviseAmendment | SubmitAmendment | ApproveAmendment | RejectAmendment | PublishAmendment | WithdrawAmendment | RebaseAmendment;
