import type { Role } from '../auth/roles.js';
import { assertNever } from '../policy/change-to-event.js';
import { checkChanges } from '../policy/check-changes.js';
import type { AmendmentCommand } from './amendment.commands.js';
import { alreadyExists, ambiguousActor, notFound, required, requireRole, selfApproval, staleVersion, wrongState } from './amendment.errors.js';
import type { AmendmentContent, AmendmentEvent } from './amendment.events.js';
import { evolveAmendment, initialAmendmentState, type AmendmentState, type AmendmentStatus } from './amendment.state.js';

const WRITERS: readonly Role[] = ['editor'];
const REVIEWERS: readonly Role[] = ['approver'];
/** Rebasing changes no content, and the approver who meets a moved policy at publication may do it. */
const REBASERS: readonly Role[] = ['editor', 'approver'];

const EDITABLE: readonly AmendmentStatus[] = ['DRAFT', 'REJECTED'];
const REJECTABLE: readonly AmendmentStatus[] = ['SUBMITTED', 'APPROVED'];
const REBASABLE: readonly AmendmentStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED'];
const WITHDRAWABLE: readonly AmendmentStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'];

/**
 * The amendment lifecycle (docs/adr/010-amendment-lifecycle.md): who may do what, in which
 * status. Checks run in this order: role, existence, status, version, the rest.
 * @throws DomainError with `details.reason` one of AmendmentRefusal, or PolicyChangesInvalidError
 */
/** Ids are compared exactly; one that differs from another only by case is refused (amendment.errors.ts). */
function refuseCaseTwins(by: string, others: readonly string[]): void {
  const twin = others.find((other) => other !== by && other.toLowerCase() === by.toLowerCase());
  if (twin !== undefined) throw ambiguousActor(by, twin);
}

export function decideAmendment(command: AmendmentCommand, state: AmendmentState): AmendmentEvent[] {
  const { amendmentId, actor, at } = command.data;
  const by = actor.id;
  switch (command.type) {
    case 'DraftAmendment': {
      requireRole(actor, WRITERS, 'drafting an amendment');
      if (state.status !== null) throw alreadyExists(amendmentId);
      const { policyId, title, rationale, source, changes, base, known } = command.data;
      if (policyId.trim() === '') throw required('policyId');
      checkContent(command.data);
      checkChanges(changes, known, { amendmentId });
      return [{ type: 'AmendmentDrafted', data: { amendmentId, policyId, title, rationale, source, changes, author: by, at, base } }];
    }
    case 'ReviseAmendment': {
      requireRole(actor, WRITERS, 'revising an amendment');
      expectStatus(state, amendmentId, EDITABLE, 'revise');
      refuseCaseTwins(by, state.contributors);
      if (command.data.expectedVersion !== state.version) throw staleVersion(command.data.expectedVersion, state.version);
      const { title, rationale, source, changes, known } = command.data;
      checkContent(command.data);
      checkChanges(changes, known, { amendmentId });
      return [{ type: 'AmendmentRevised', data: { amendmentId, title, rationale, source, changes, by, at } }];
    }
    case 'SubmitAmendment':
      requireRole(actor, WRITERS, 'submitting an amendment');
      expectStatus(state, amendmentId, ['DRAFT'], 'submit');
      if (state.changes.length === 0) throw required('changes');
      return [{ type: 'AmendmentSubmitted', data: { amendmentId, by, at } }];
    case 'ApproveAmendment': {
      requireRole(actor, REVIEWERS, 'approving an amendment');
      expectStatus(state, amendmentId, ['SUBMITTED'], 'approve');
      if (state.contributors.includes(by)) throw selfApproval(by);
      refuseCaseTwins(by, state.contributors);
      const { comment } = command.data;
      return [{ type: 'AmendmentApproved', data: { amendmentId, by, at, ...(comment === undefined ? {} : { comment }) } }];
    }
    case 'RejectAmendment':
      requireRole(actor, REVIEWERS, 'rejecting an amendment');
      expectStatus(state, amendmentId, REJECTABLE, 'reject');
      if (command.data.reason.trim() === '') throw required('reason');
      return [{ type: 'AmendmentRejected', data: { amendmentId, by, at, reason: command.data.reason } }];
    case 'PublishAmendment': {
      requireRole(actor, REVIEWERS, 'publishing an amendment');
      const { policyPosition, policyRevision } = command.data;
      // A retry after the policy append already recorded this publication: nothing more to record.
      if (state.status === 'PUBLISHED' && state.publication?.policyPosition === policyPosition) return [];
      expectStatus(state, amendmentId, ['APPROVED'], 'publish');
      return [{ type: 'AmendmentPublished', data: { amendmentId, by, at, policyPosition, policyRevision } }];
    }
    case 'WithdrawAmendment':
      requireRole(actor, WRITERS, 'withdrawing an amendment');
      expectStatus(state, amendmentId, WITHDRAWABLE, 'withdraw');
      if (command.data.reason.trim() === '') throw required('reason');
      return [{ type: 'AmendmentWithdrawn', data: { amendmentId, by, at, reason: command.data.reason } }];
    case 'RebaseAmendment': {
      requireRole(actor, REBASERS, 'rebasing an amendment');
      expectStatus(state, amendmentId, REBASABLE, 'rebase');
      const { base, known } = command.data;
      if (base.position === state.base.position && base.revision === state.base.revision) return [];
      checkChanges(state.changes, known, { amendmentId });
      return [{ type: 'AmendmentRebased', data: { amendmentId, by, at, base } }];
    }
    default:
      return assertNever(command);
  }
}

function expectStatus(state: AmendmentState, amendmentId: string, allowed: readonly AmendmentStatus[], action: string): void {
  if (state.status === null) throw notFound(amendmentId);
  if (!allowed.includes(state.status)) throw wrongState(action, state.status, allowed);
}

function checkContent(content: AmendmentContent): void {
  if (content.title.trim() === '') throw required('title');
  if (content.rationale.trim() === '') throw required('rationale');
  if (content.source.citation.trim() === '') throw required('source.citation');
}

/** The amendment aggregate as one value: what a shell or a DeciderSpecification folds and decides with. */
export const amendmentDecider = { decide: decideAmendment, evolve: evolveAmendment, initialState: initialAmendmentState };
