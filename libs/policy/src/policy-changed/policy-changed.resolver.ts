import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { LiveFeed, Roles } from '#api-kit';
import type { RecordedPolicyEvent } from '#domain';
import { PolicyChangeType } from '../graphql/policy-change.type.js';
import { POLICY_CHANGED } from '../policy-timelines.service.js';
import { toPolicyChange } from '../policy-view.mapper.js';

interface PolicyChangedPayload {
  policyId: string;
  recorded: RecordedPolicyEvent;
}

@Resolver()
export class PolicyChangedResolver {
  constructor(private readonly feed: LiveFeed) {}

  @Subscription(() => PolicyChangeType, {
    description: 'Every policy change as it is recorded',
    resolve: (payload: PolicyChangedPayload) => toPolicyChange(payload.policyId, payload.recorded),
  })
  @Roles('viewer')
  policyChanged(@Args('policyId', { type: () => ID, nullable: true }) policyId?: string): AsyncIterator<PolicyChangedPayload> {
    return this.feed.listen<PolicyChangedPayload>(POLICY_CHANGED, (payload) => !policyId || payload.policyId === policyId);
  }
}
