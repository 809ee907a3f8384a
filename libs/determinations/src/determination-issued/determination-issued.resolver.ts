import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { LiveFeed, Roles } from '#api-kit';
import { DETERMINATION_ISSUED_TOPIC } from '../determination-record.js';
import { DeterminationType } from '../graphql/determination.type.js';

@Resolver()
export class DeterminationIssuedResolver {
  constructor(private readonly feed: LiveFeed) {}

  @Subscription(() => DeterminationType, { description: 'Every determination as it is recorded', resolve: (payload: DeterminationType) => payload })
  @Roles('viewer')
  determinationIssued(@Args('destination', { nullable: true }) destination?: string): AsyncIterator<DeterminationType> {
    return this.feed.listen<DeterminationType>(
      DETERMINATION_ISSUED_TOPIC,
      (determination) => !destination || (determination.input as { destination: string }).destination === destination,
    );
  }
}
