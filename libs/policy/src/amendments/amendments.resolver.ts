import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { ConsistentWith, CurrentActor, EVENT_STORE, LiveFeed, Roles, Since, sinceArgument } from '#api-kit';
import { InvalidInputError, type Actor } from '#domain';
import type { EventStore } from '#event-store';
import { amendmentHistory } from './amendment-history.js';
import { AmendmentStore } from './amendment-store.service.js';
import { toAmendmentView } from './amendment-view.js';
import { AMENDMENT_STATUS_CHANGED, AmendmentsProjection } from './amendments.projection.js';
import { DraftAmendmentCommand } from './draft-amendment/draft-amendment.command.js';
import { AmendmentConnectionType, AmendmentStatusEnum, AmendmentType } from './graphql/amendment.type.js';
import { DraftAmendmentInput } from './graphql/change.input.js';
import { PublishAmendmentCommand } from './publish-amendment/publish-amendment.command.js';
import { RebaseAmendmentCommand } from './rebase-amendment/rebase-amendment.command.js';
import { ReviewAmendmentCommand, type ReviewStep } from './review-amendment/review-amendment.command.js';
import { ReviseAmendmentCommand } from './revise-amendment/revise-amendment.command.js';

const MAX_PAGE_SIZE = 500;

/**
 * The amendment lifecycle over GraphQL. One resolver for the whole lifecycle rather than one per
 * use case: the transitions share their shape, and each command keeps its own folder.
 */
@Resolver(() => AmendmentType)
export class AmendmentsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: AmendmentStore,
    private readonly projection: AmendmentsProjection,
    private readonly feed: LiveFeed,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Query(() => AmendmentType, { nullable: true })
  @Roles('viewer')
  async amendment(@Args('id', { type: () => ID }) id: string, @ConsistentWith() _consistentWith?: number): Promise<AmendmentType | null> {
    const { state, position } = await this.store.load(id);
    return state.version === 0 ? null : toAmendmentView(state, position);
  }

  @Query(() => AmendmentConnectionType)
  @Roles('viewer')
  amendments(
    @Args('status', { type: () => AmendmentStatusEnum, nullable: true }) status?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): AmendmentConnectionType {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new InvalidInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    const matching = this.projection.all().filter((amendment) => !status || amendment.status === status);
    // An explicit null is no cursor, as an absent one is: the first page.
    const start = after == null ? 0 : matching.findIndex((amendment) => amendment.id === after) + 1;
    if (after != null && start === 0) throw new InvalidInputError(`after: '${after}' is not an amendment id in this listing`, 'after');
    const nodes = matching.slice(start, start + size);
    return { nodes, totalCount: matching.length, pageInfo: { hasNextPage: start + size < matching.length, endCursor: nodes.at(-1)?.id } };
  }

  @Mutation(() => AmendmentType, { description: 'Drafts changes, checked against the policy as it stands; idempotent per commandId' })
  @Roles('editor')
  draftAmendment(
    @Args('input', { type: () => DraftAmendmentInput }) input: DraftAmendmentInput,
    @CurrentActor() actor: Actor,
    @Args('commandId', { type: () => ID, nullable: true }) commandId?: string,
  ): Promise<AmendmentType> {
    return this.commands.execute(new DraftAmendmentCommand(input, actor, commandId));
  }

  @Mutation(() => AmendmentType)
  @Roles('editor')
  reviseAmendment(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => DraftAmendmentInput }) input: DraftAmendmentInput,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentActor() actor: Actor,
  ): Promise<AmendmentType> {
    return this.commands.execute(new ReviseAmendmentCommand(id, input, expectedVersion, actor));
  }

  @Mutation(() => AmendmentType)
  @Roles('editor')
  submitAmendment(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<AmendmentType> {
    return this.review(id, { type: 'SubmitAmendment' }, actor);
  }

  @Mutation(() => AmendmentType, { description: 'Needs a second person: the author may not approve their own amendment' })
  @Roles('approver')
  approveAmendment(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor,
    @Args('comment', { nullable: true }) comment?: string,
  ): Promise<AmendmentType> {
    return this.review(id, { type: 'ApproveAmendment', ...(comment ? { comment } : {}) }, actor);
  }

  @Mutation(() => AmendmentType)
  @Roles('approver')
  rejectAmendment(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentActor() actor: Actor): Promise<AmendmentType> {
    return this.review(id, { type: 'RejectAmendment', reason }, actor);
  }

  @Mutation(() => AmendmentType)
  @Roles('editor')
  withdrawAmendment(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentActor() actor: Actor): Promise<AmendmentType> {
    return this.review(id, { type: 'WithdrawAmendment', reason }, actor);
  }

  @Mutation(() => AmendmentType, { description: 'Appends the approved changes to the policy; CONFLICT if the policy moved since the base' })
  @Roles('approver')
  publishAmendment(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<AmendmentType> {
    return this.commands.execute(new PublishAmendmentCommand(id, actor));
  }

  @Mutation(() => AmendmentType, { description: "Re-checks the changes against the policy's current head and makes it the base" })
  @Roles('editor', 'approver')
  rebaseAmendment(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<AmendmentType> {
    return this.commands.execute(new RebaseAmendmentCommand(id, actor));
  }

  @Subscription(() => AmendmentType, { resolve: (payload: AmendmentType) => payload })
  @Roles('viewer')
  amendmentStatusChanged(@Args('id', { type: () => ID, nullable: true }) id?: string, @Since() since?: number): AsyncIterator<AmendmentType> {
    const accept = (amendment: AmendmentType) => !id || amendment.id === id;
    const from = sinceArgument(since);
    if (from === undefined) return this.feed.listen<AmendmentType>(AMENDMENT_STATUS_CHANGED, accept);
    return this.feed.resume<AmendmentType>(AMENDMENT_STATUS_CHANGED, {
      since: from,
      history: amendmentHistory(this.eventStore),
      position: (amendment) => amendment.position,
      accept,
    });
  }

  private review(id: string, step: ReviewStep, actor: Actor): Promise<AmendmentType> {
    return this.commands.execute(new ReviewAmendmentCommand(id, step, actor));
  }
}
