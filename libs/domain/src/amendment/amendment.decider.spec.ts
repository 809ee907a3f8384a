import type { Actor } from '../auth/roles.js';
import { DomainError, PolicyInvalidError } from '../errors/domain-error.js';
import { PolicyChangesInvalidError } from '../policy/check-changes.js';
import { knownPolicyOf } from '../policy/known-policy.js';
import type { PolicyChange } from '../policy/policy-change.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import { recorded } from '../testing/policy-event-builders.js';
import type { AmendmentCommand } from './amendment.commands.js';
import { amendmentDecider } from './amendment.decider.js';
import type { AmendmentBase, AmendmentContent, AmendmentEvent } from './amendment.events.js';

const spec = DeciderSpecification.for(amendmentDecider);

const alice: Actor = { id: 'alice', roles: ['editor'] };
const erin: Actor = { id: 'erin', roles: ['editor'] };
const bob: Actor = { id: 'bob', roles: ['approver'] };
const ada: Actor = { id: 'ada', roles: ['admin'] };
const viewer: Actor = { id: 'vic', roles: ['viewer'] };
const both: Actor = { id: 'pat', roles: ['editor', 'approver'] };

const amendmentId = 'amd-1';
const at = '2025-06-01T10:00:00.000Z';
const base: AmendmentBase = { position: 4, revision: 3 };
const movedBase: AmendmentBase = { position: 9, revision: 5 };

const regimeRule = {
  id: 'req.a',
  regime: 'ai-diffusion',
  kind: 'requirement',
  condition: 'destination.tier == 3.0',
  citation: '§744.23',
  explanation: 'x',
} as const;
const enacted = [
  recorded(1, { type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'AI Diffusion', effectiveAt: '2025-01-13' }, { id: 'ifr' }),
  recorded(2, { type: 'ADD_RULE', rule: regimeRule, effectiveAt: '2025-01-13' }, { id: 'ifr-rule' }),
];
const known = knownPolicyOf(enacted);
/** The policy after someone else repealed req.a: an amendment of req.a no longer fits. */
const knownAfterRepeal = knownPolicyOf([...enacted, recorded(3, { type: 'REPEAL_RULE', ruleId: 'req.a', effectiveAt: '2025-05-01' }, { id: 'repeal' })]);

const changes: PolicyChange[] = [
  { type: 'REASSIGN_TIER', country: 'AE', tier: 2, effectiveAt: '2025-07-01T00:00:00.000Z' },
  { type: 'AMEND_RULE', rule: { ...regimeRule, reviewPolicy: 'CASE_BY_CASE' }, effectiveAt: '2025-07-01T00:00:00.000Z' },
];
const content: AmendmentContent = {
  title: 'UAE to tier 2',
  rationale: 'Agreement of May 2025',
  source: { citation: 'BIS press release', publishedAt: '2025-05-30T00:00:00.000Z' },
  changes,
};
const revisedContent: AmendmentContent = { ...content, title: 'UAE to tier 2, case by case' };

const command = {
  draft: (actor: Actor = alice, data: Partial<AmendmentContent> = {}): AmendmentCommand => ({
    type: 'DraftAmendment',
    data: { amendmentId, actor, at, policyId: 'ai-export-controls', ...content, ...data, base, known },
  }),
  revise: (expectedVersion: number, actor: Actor = alice, data: Partial<AmendmentContent> = {}): AmendmentCommand => ({
    type: 'ReviseAmendment',
    data: { amendmentId, actor, at, ...revisedContent, ...data, expectedVersion, known },
  }),
  submit: (actor: Actor = alice): AmendmentCommand => ({ type: 'SubmitAmendment', data: { amendmentId, actor, at } }),
  approve: (actor: Actor = bob, comment?: string): AmendmentCommand => ({
    type: 'ApproveAmendment',
    data: { amendmentId, actor, at, ...(comment ? { comment } : {}) },
  }),
  reject: (actor: Actor = bob, reason = 'cite the agreement'): AmendmentCommand => ({ type: 'RejectAmendment', data: { amendmentId, actor, at, reason } }),
  publish: (actor: Actor = bob, policyPosition = 10): AmendmentCommand => ({
    type: 'PublishAmendment',
    data: { amendmentId, actor, at, policyPosition, policyRevision: 7 },
  }),
  withdraw: (actor: Actor = alice, reason = 'superseded'): AmendmentCommand => ({ type: 'WithdrawAmendment', data: { amendmentId, actor, at, reason } }),
  rebase: (actor: Actor = alice, to: AmendmentBase = movedBase, policy = known): AmendmentCommand => ({
    type: 'RebaseAmendment',
    data: { amendmentId, actor, at, base: to, known: policy },
  }),
};

const event = {
  drafted: (author = 'alice', data: Partial<AmendmentContent> = {}): AmendmentEvent => ({
    type: 'AmendmentDrafted',
    data: { amendmentId, at, policyId: 'ai-export-controls', ...content, ...data, author, base },
  }),
  revised: (by = 'alice'): AmendmentEvent => ({ type: 'AmendmentRevised', data: { amendmentId, at, ...revisedContent, by } }),
  submitted: (by = 'alice'): AmendmentEvent => ({ type: 'AmendmentSubmitted', data: { amendmentId, at, by } }),
  approved: (by = 'bob'): AmendmentEvent => ({ type: 'AmendmentApproved', data: { amendmentId, at, by } }),
  rejected: (by = 'bob'): AmendmentEvent => ({ type: 'AmendmentRejected', data: { amendmentId, at, by, reason: 'cite the agreement' } }),
  published: (policyPosition = 10): AmendmentEvent => ({ type: 'AmendmentPublished', data: { amendmentId, at, by: 'bob', policyPosition, policyRevision: 7 } }),
  withdrawn: (): AmendmentEvent => ({ type: 'AmendmentWithdrawn', data: { amendmentId, at, by: 'alice', reason: 'superseded' } }),
  rebased: (by = 'alice'): AmendmentEvent => ({ type: 'AmendmentRebased', data: { amendmentId, at, by, base: movedBase } }),
};

const drafted = [event.drafted()];
const submitted = [...drafted, event.submitted()];
const approved = [...submitted, event.approved()];
const rejected = [...submitted, event.rejected()];
const published = [...approved, event.published()];
const withdrawn = [...drafted, event.withdrawn()];

describe('the amendment decider', () => {
  describe('drafting', () => {
    it('given no amendment when an editor drafts then it is drafted by them on the given base', () => {
      spec.given([]).when(command.draft()).then([event.drafted()]);
    });

    it('given no amendment when an admin drafts then the admin is the author', () => {
      spec
        .given([])
        .when(command.draft(ada))
        .then([event.drafted('ada')]);
    });

    it('given a draft when it is drafted again then AMENDMENT_EXISTS', () => {
      spec.given(drafted).when(command.draft()).thenThrows(DomainError, { reason: 'AMENDMENT_EXISTS' });
    });

    it.each([bob, viewer])('given no amendment when $id ($roles) drafts then ROLE_REQUIRED', (actor) => {
      spec
        .given([])
        .when(command.draft(actor))
        .thenThrows(DomainError, { reason: 'ROLE_REQUIRED', required: ['editor', 'admin'] });
    });

    it('given no amendment when the changes name an unknown regime then POLICY_INVALID lists the problem', () => {
      const bad: PolicyChange = { type: 'SUSPEND_ENFORCEMENT', regime: 'nope', effectiveAt: '2025-07-01T00:00:00.000Z' };
      spec
        .given([])
        .when(command.draft(alice, { changes: [bad] }))
        .thenThrows(PolicyChangesInvalidError, { problems: [{ changeIndex: 0, field: 'regime' }] });
    });

    it('given no amendment when the title is blank then BAD_USER_INPUT names the field', () => {
      spec
        .given([])
        .when(command.draft(alice, { title: ' ' }))
        .thenThrows(DomainError, { reason: 'REQUIRED', path: 'title' });
    });

    it('given a draft then it is DRAFT at version 1, written by its author', () => {
      spec
        .given([])
        .when(command.draft())
        .thenState({
          status: 'DRAFT',
          version: 1,
          author: 'alice',
          contributors: ['alice'],
          base,
          changes,
          history: [{ type: 'AmendmentDrafted', at, actor: 'alice' }],
        });
    });
  });

  describe('revising', () => {
    it('given a draft when revised at its version then the new content is recorded', () => {
      spec.given(drafted).when(command.revise(1)).then([event.revised()]);
    });

    it('given a rejected amendment when revised by another editor then it is a DRAFT again with both as contributors', () => {
      spec
        .given(rejected)
        .when(command.revise(3, erin))
        .thenState({ status: 'DRAFT', version: 4, title: revisedContent.title, contributors: ['alice', 'erin'], approvals: [] });
    });

    it('given a draft when revised at an older version then STALE_VERSION says expected and actual', () => {
      spec
        .given([...drafted, event.revised()])
        .when(command.revise(1))
        .thenThrows(DomainError, { reason: 'STALE_VERSION', expectedVersion: 1, actualVersion: 2 });
    });

    it.each([
      ['SUBMITTED', submitted],
      ['APPROVED', approved],
      ['PUBLISHED', published],
      ['WITHDRAWN', withdrawn],
    ])('given an amendment that is %s when revised then WRONG_STATE', (status, history) => {
      spec
        .given(history)
        .when(command.revise(history.length))
        .thenThrows(DomainError, { reason: 'WRONG_STATE', status, allowed: ['DRAFT', 'REJECTED'] });
    });

    it('given a draft when an approver revises then ROLE_REQUIRED', () => {
      spec.given(drafted).when(command.revise(1, bob)).thenThrows(DomainError, { reason: 'ROLE_REQUIRED' });
    });

    it('given a draft when the revision retracts a change that does not exist then POLICY_INVALID', () => {
      const retraction: PolicyChange = { type: 'RETRACT_CHANGE', changeId: 'ifr#9', effectiveAt: '2025-07-01T00:00:00.000Z' };
      spec
        .given(drafted)
        .when(command.revise(1, alice, { changes: [retraction] }))
        .thenThrows(PolicyInvalidError, { changeIndex: 0, field: 'changeId' });
    });
  });

  describe('submitting', () => {
    it('given a draft when its author submits then it is SUBMITTED', () => {
      spec.given(drafted).when(command.submit()).then([event.submitted()]);
    });

    it('given a draft when another editor submits then that is allowed too', () => {
      spec.given(drafted).when(command.submit(erin)).thenState({ status: 'SUBMITTED', version: 2 });
    });

    it('given a draft without changes when submitted then BAD_USER_INPUT names changes', () => {
      spec
        .given([event.drafted('alice', { changes: [] })])
        .when(command.submit())
        .thenThrows(DomainError, { reason: 'REQUIRED', path: 'changes' });
    });

    it('given a submitted amendment when submitted again then WRONG_STATE', () => {
      spec
        .given(submitted)
        .when(command.submit())
        .thenThrows(DomainError, { reason: 'WRONG_STATE', status: 'SUBMITTED', allowed: ['DRAFT'] });
    });

    it('given a draft when a viewer submits then ROLE_REQUIRED', () => {
      spec.given(drafted).when(command.submit(viewer)).thenThrows(DomainError, { reason: 'ROLE_REQUIRED' });
    });
  });

  describe('approving', () => {
    it('given a submitted amendment when an approver approves with a comment then the approval is kept', () => {
      spec
        .given(submitted)
        .when(command.approve(bob, 'checked the source'))
        .thenState({
          status: 'APPROVED',
          version: 3,
          approvals: [{ by: 'bob', at, comment: 'checked the source' }],
        });
    });

    it('given a submitted amendment when an admin who did not write it approves then it is approved', () => {
      spec
        .given(submitted)
        .when(command.approve(ada))
        .then([{ type: 'AmendmentApproved', data: { amendmentId, at, by: 'ada' } }]);
    });

    it('given an amendment its author submitted when the author, also an approver, approves then SELF_APPROVAL', () => {
      spec
        .given([event.drafted('pat'), event.submitted('pat')])
        .when(command.approve(both))
        .thenThrows(DomainError, { reason: 'SELF_APPROVAL', actor: 'pat' });
    });

    it('given an amendment an admin wrote when that admin approves then SELF_APPROVAL', () => {
      spec
        .given([event.drafted('ada'), event.submitted('ada')])
        .when(command.approve(ada))
        .thenThrows(DomainError, { reason: 'SELF_APPROVAL' });
    });

    it('given an amendment someone revised when that reviser approves then SELF_APPROVAL', () => {
      spec
        .given([...rejected, event.revised('pat'), event.submitted()])
        .when(command.approve(both))
        .thenThrows(DomainError, { reason: 'SELF_APPROVAL' });
    });

    it('given an amendment pat wrote when Pat (another id, differing only by case) approves then ACTOR_ID_AMBIGUOUS', () => {
      spec
        .given([event.drafted('pat'), event.submitted('pat')])
        .when(command.approve({ id: 'Pat', roles: ['approver'] }))
        .thenThrows(DomainError, { reason: 'ACTOR_ID_AMBIGUOUS', actor: 'Pat', other: 'pat' });
    });

    it('given a rejected amendment alice wrote when ALICE revises it then ACTOR_ID_AMBIGUOUS: ids stay exact, never merged', () => {
      spec
        .given(rejected)
        .when(command.revise(3, { id: 'ALICE', roles: ['editor'] }))
        .thenThrows(DomainError, { reason: 'ACTOR_ID_AMBIGUOUS' });
    });

    it('given a submitted amendment when an editor approves then ROLE_REQUIRED', () => {
      spec
        .given(submitted)
        .when(command.approve(erin))
        .thenThrows(DomainError, { reason: 'ROLE_REQUIRED', required: ['approver', 'admin'] });
    });

    it.each([
      ['DRAFT', drafted],
      ['APPROVED', approved],
      ['REJECTED', rejected],
    ])('given an amendment that is %s when approved then WRONG_STATE', (status, history) => {
      spec
        .given(history)
        .when(command.approve())
        .thenThrows(DomainError, { reason: 'WRONG_STATE', status, allowed: ['SUBMITTED'] });
    });
  });

  describe('rejecting', () => {
    it('given a submitted amendment when an approver rejects then it is REJECTED with the reason', () => {
      spec
        .given(submitted)
        .when(command.reject())
        .thenState({
          status: 'REJECTED',
          history: [expect.anything(), expect.anything(), { type: 'AmendmentRejected', at, actor: 'bob', note: 'cite the agreement' }],
        });
    });

    it('given an approved amendment when rejected then its approvals are cleared', () => {
      spec.given(approved).when(command.reject()).thenState({ status: 'REJECTED', approvals: [] });
    });

    it('given a draft when rejected then WRONG_STATE', () => {
      spec
        .given(drafted)
        .when(command.reject())
        .thenThrows(DomainError, { reason: 'WRONG_STATE', status: 'DRAFT', allowed: ['SUBMITTED', 'APPROVED'] });
    });

    it('given a submitted amendment when an editor rejects then ROLE_REQUIRED', () => {
      spec.given(submitted).when(command.reject(alice)).thenThrows(DomainError, { reason: 'ROLE_REQUIRED' });
    });

    it('given a submitted amendment when rejected without a reason then BAD_USER_INPUT', () => {
      spec.given(submitted).when(command.reject(bob, '')).thenThrows(DomainError, { reason: 'REQUIRED', path: 'reason' });
    });
  });

  describe('publishing', () => {
    it('given an approved amendment when an approver records the publication then it is PUBLISHED at that policy position', () => {
      spec.given(approved).when(command.publish()).then([event.published()]);
      spec
        .given(approved)
        .when(command.publish())
        .thenState({ status: 'PUBLISHED', version: 4, publication: { policyPosition: 10, policyRevision: 7, by: 'bob', at } });
    });

    it('given a published amendment when the same publication is recorded again then nothing is recorded', () => {
      spec.given(published).when(command.publish()).then([]);
    });

    it('given a published amendment when another publication is recorded then WRONG_STATE', () => {
      spec
        .given(published)
        .when(command.publish(bob, 11))
        .thenThrows(DomainError, { reason: 'WRONG_STATE', status: 'PUBLISHED', allowed: ['APPROVED'] });
    });

    it('given a submitted amendment when published then WRONG_STATE', () => {
      spec.given(submitted).when(command.publish()).thenThrows(DomainError, { reason: 'WRONG_STATE', status: 'SUBMITTED' });
    });

    it('given an approved amendment when an editor publishes then ROLE_REQUIRED', () => {
      spec.given(approved).when(command.publish(alice)).thenThrows(DomainError, { reason: 'ROLE_REQUIRED' });
    });
  });

  describe('withdrawing', () => {
    it.each([
      ['DRAFT', drafted],
      ['SUBMITTED', submitted],
      ['APPROVED', approved],
      ['REJECTED', rejected],
    ])('given an amendment that is %s when withdrawn then it is WITHDRAWN', (_, history) => {
      spec.given(history).when(command.withdraw()).then([event.withdrawn()]);
    });

    it.each([
      ['PUBLISHED', published],
      ['WITHDRAWN', withdrawn],
    ])('given an amendment that is %s when withdrawn then WRONG_STATE', (status, history) => {
      spec.given(history).when(command.withdraw()).thenThrows(DomainError, { reason: 'WRONG_STATE', status });
    });

    it('given a draft when an approver withdraws then ROLE_REQUIRED', () => {
      spec.given(drafted).when(command.withdraw(bob)).thenThrows(DomainError, { reason: 'ROLE_REQUIRED' });
    });
  });

  describe('rebasing', () => {
    it('given an approved amendment when rebased onto a policy it still fits then it keeps its approval on the new base', () => {
      spec
        .given(approved)
        .when(command.rebase(bob))
        .then([event.rebased('bob')]);
      spec
        .given(approved)
        .when(command.rebase())
        .thenState({ status: 'APPROVED', base: movedBase, approvals: [{ by: 'bob', at }], version: 4 });
    });

    it('given an amendment on this base when rebased onto it again then nothing is recorded', () => {
      spec.given(submitted).when(command.rebase(alice, base)).then([]);
    });

    it('given an approved amendment when the moved policy repealed the rule it amends then POLICY_INVALID and no rebase', () => {
      spec
        .given(approved)
        .when(command.rebase(bob, movedBase, knownAfterRepeal))
        .thenThrows(PolicyChangesInvalidError, { changeIndex: 1, field: 'rule.id' });
    });

    it.each([
      ['REJECTED', rejected],
      ['PUBLISHED', published],
    ])('given an amendment that is %s when rebased then WRONG_STATE', (status, history) => {
      spec
        .given(history)
        .when(command.rebase())
        .thenThrows(DomainError, { reason: 'WRONG_STATE', status, allowed: ['DRAFT', 'SUBMITTED', 'APPROVED'] });
    });

    it('given a draft when a viewer rebases then ROLE_REQUIRED', () => {
      spec
        .given(drafted)
        .when(command.rebase(viewer))
        .thenThrows(DomainError, { reason: 'ROLE_REQUIRED', required: ['editor', 'approver', 'admin'] });
    });
  });

  describe('an amendment that was never drafted', () => {
    it.each([
      ['revised', command.revise(0)],
      ['submitted', command.submit()],
      ['approved', command.approve()],
      ['rejected', command.reject()],
      ['published', command.publish()],
      ['withdrawn', command.withdraw()],
      ['rebased', command.rebase()],
    ])('when %s then AMENDMENT_NOT_FOUND', (_, unknown) => {
      spec.given([]).when(unknown).thenThrows(DomainError, { reason: 'AMENDMENT_NOT_FOUND', amendmentId });
    });
  });

  describe('the whole lifecycle', () => {
    it('given draft, submit, reject, revise, submit, approve, rebase and publish then each event counts one version and one history entry', () => {
      const lifecycle = [...rejected, event.revised('erin'), event.submitted('erin'), event.approved(), event.rebased()];
      spec
        .given(lifecycle)
        .when(command.publish())
        .thenState({
          status: 'PUBLISHED',
          version: 8,
          contributors: ['alice', 'erin'],
          approvals: [{ by: 'bob', at }],
          base: movedBase,
          history: [
            { type: 'AmendmentDrafted', at, actor: 'alice' },
            { type: 'AmendmentSubmitted', at, actor: 'alice' },
            { type: 'AmendmentRejected', at, actor: 'bob', note: 'cite the agreement' },
            { type: 'AmendmentRevised', at, actor: 'erin' },
            { type: 'AmendmentSubmitted', at, actor: 'erin' },
            { type: 'AmendmentApproved', at, actor: 'bob' },
            { type: 'AmendmentRebased', at, actor: 'alice' },
            { type: 'AmendmentPublished', at, actor: 'bob' },
          ],
        });
    });
  });
});
