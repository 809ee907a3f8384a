import { Inject } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { EVENT_STORE, LiveFeed, Roles, Since, sinceArgument, storeHistory } from '#api-kit';
import type { RecordedPolicyEvent } from '#domain';
import type { EventStore } from '#event-store';
import { PolicyChangeType } from '../graphql/policy-change.type.js';
import { POLICY_STREAM_PREFIX, policyIdOf, toRecordedPolicyEvent } from '../policy-streams.js';
import { POLICY_CHANGED } from '../policy-timelines.service.js';
import { toPolicyChange } from '../policy-view.mapper.js';

interface PolicyChangedPayload {
  policyId: string;
  recorded: RecordedPolicyEvent;
}

@Resolver()
export class PolicyChangedResolver {
  constructor(
    private readonly feed: LiveFeed,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Subscription(() => PolicyChangeType, {
    description: 'Every policy change as it is recorded',
    resolve: (payload: PolicyChangedPayload) => toPolicyChange(payload.policyId, payload.recorded),
  })
  @Roles('viewer')
  policyChanged(@Args('policyId', { type: () => ID, nullable: true }) policyId?: string, @Since() since?: number): AsyncIterator<PolicyChangedPayload> {
    const accept = (payload: PolicyChangedPayload) => !policyId || payload.policyId === policyId;
    const from = sinceArgument(since);
    if (from === undefined) return this.feed.listen<PolicyChangedPayload>(POLICY_CHANGED, accept);
    return this.feed.resume<PolicyChangedPayload>(POLICY_CHANGED, {
      since: from,
      history: storeHistory(this.store, { streamPrefix: POLICY_STREAM_PREFIX }, (event) => [
        { policyId: policyIdOf(event.stream), recorded: toRecordedPolicyEvent(event) },
      ]),
      position: (payload) => payload.recorded.position,
      accept,
    });
  }
}
