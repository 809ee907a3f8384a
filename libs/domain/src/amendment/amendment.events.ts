import type { PolicyChange } from '../policy/policy-change.js';
import type { PolicySource } from '../policy/policy-source.js';
import type { Instant } from '../time/instant.js';

/**
 * Where in the policy stream an amendment was last checked: the store's global `position` of the
 * policy's head and the policy stream's `revision`, which publishing expects.
 */
export interface AmendmentBase {
  position: number;
  revision: number;
}

/** What an author writes: the same fields in a draft and in a revision. */
export interface AmendmentContent {
  title: string;
  rationale: string;
  source: PolicySource;
  changes: PolicyChange[];
}

type Event<T extends string, D> = { type: T; data: { amendmentId: string; at: Instant } & D };

export type AmendmentDrafted = Event<'AmendmentDrafted', AmendmentContent & { policyId: string; author: string; base: AmendmentBase }>;
export type AmendmentRevised = Event<'AmendmentRevised', AmendmentContent & { by: string }>;
export type AmendmentSubmitted = Event<'AmendmentSubmitted', { by: string }>;
export type AmendmentApproved = Event<'AmendmentApproved', { by: string; comment?: string }>;
export type AmendmentRejected = Event<'AmendmentRejected', { by: string; reason: string }>;
/** Recorded after the changes were appended to the policy stream, at this position and revision. */
export type AmendmentPublished = Event<'AmendmentPublished', { by: string; policyPosition: number; policyRevision: number }>;
export type AmendmentWithdrawn = Event<'AmendmentWithdrawn', { by: string; reason: string }>;
export type AmendmentRebased = Event<'AmendmentRebased', { by: string; base: AmendmentBase }>;

export type AmendmentEvent =
  AmendmentDrafted | AmendmentRevised | AmendmentSubmitted | AmendmentApproved | AmendmentRejected | AmendmentPublished | AmendmentWithdrawn | AmendmentRebased;

export type AmendmentEventType = AmendmentEvent['type'];

export function amendmentStreamName(amendmentId: string): string {
  return `amendment-${amendmentId}`;
}
