import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, Roles } from '#api-kit';
import { PolicyCoordinatesInput } from '#policy';
import { ReplayType } from '../graphql/replay.type.js';
import { ReplayDetermination } from './replay-determination.query.js';

@Resolver()
export class ReplayDeterminationResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => ReplayType, { description: 'Re-evaluates a determination at its original or other coordinates and explains any difference' })
  @Roles('viewer')
  replayDetermination(
    @Args('id', { type: () => ID }) id: string,
    @Args('at', { type: () => PolicyCoordinatesInput, nullable: true }) at?: PolicyCoordinatesInput,
    @ConsistentWith() _consistentWith?: number,
  ): Promise<ReplayType> {
    return this.queries.execute(new ReplayDetermination(id, at));
  }
}
