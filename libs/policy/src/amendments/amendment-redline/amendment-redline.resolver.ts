import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, Roles } from '#api-kit';
import { DomainError } from '#domain';
import { RedlineType } from '../../graphql/redline.type.js';
import { PolicyTimelines } from '../../policy-timelines.service.js';
import { AmendmentsProjection } from '../amendments.projection.js';
import { redlineOfAmendment } from './amendment-redline.js';

@Resolver()
export class AmendmentRedlineResolver {
  constructor(
    private readonly amendments: AmendmentsProjection,
    private readonly timelines: PolicyTimelines,
  ) {}

  @Query(() => RedlineType, {
    description: "The amendment's changes as a redline: per part, before and after, word by word, each line with its change and effective date",
  })
  @Roles('viewer')
  amendmentRedline(@Args('id', { type: () => ID }) id: string, @ConsistentWith() _consistentWith?: number): RedlineType {
    const amendment = this.amendments.get(id)?.state;
    if (!amendment) throw new DomainError('NOT_FOUND', `No amendment '${id}'.`, { amendmentId: id });
    const recorded = this.timelines.has(amendment.policyId) ? this.timelines.timeline(amendment.policyId).events : [];
    return redlineOfAmendment(amendment, recorded);
  }
}
