import { Inject } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { EVENT_STORE, LiveFeed, Roles, Since, sinceArgument, storeHistory } from '#api-kit';
import type { EventStore } from '#event-store';
import { DETERMINATION_ISSUED, DETERMINATION_ISSUED_TOPIC, DETERMINATION_STREAM_PREFIX, fromRecordedEvent } from '../determination-record.js';
import { DeterminationType } from '../graphql/determination.type.js';

@Resolver()
export class DeterminationIssuedResolver {
  constructor(
    private readonly feed: LiveFeed,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Subscription(() => DeterminationType, { description: 'Every determination as it is recorded', resolve: (payload: DeterminationType) => payload })
  @Roles('viewer')
  determinationIssued(@Args('destination', { nullable: true }) destination?: string, @Since() since?: number): AsyncIterator<DeterminationType> {
    const accept = (determination: DeterminationType) => !destination || (determination.input as { destination: string }).destination === destination;
    const from = sinceArgument(since);
    if (from === undefined) return this.feed.listen<DeterminationType>(DETERMINATION_ISSUED_TOPIC, accept);
    return this.feed.resume<DeterminationType>(DETERMINATION_ISSUED_TOPIC, {
      since: from,
      history: storeHistory(this.store, { streamPrefix: DETERMINATION_STREAM_PREFIX, eventTypes: [DETERMINATION_ISSUED] }, (event) => [
        fromRecordedEvent(event),
      ]),
      position: (determination) => determination.position,
      accept,
    });
  }
}
