import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, Roles, type WorkContext } from '#api-kit';
import { PolicyCoordinatesInput } from '#policy';
import { DeterminationInputType } from '../graphql/determination.input.js';
import { DeterminationResultType } from '../graphql/determination-result.type.js';
import { EvaluateDetermination } from './evaluate-determination.query.js';

@Resolver()
export class EvaluateDeterminationResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => DeterminationResultType, { description: 'A dry run: the determination at the coordinates; records nothing' })
  @Roles('viewer')
  evaluate(
    @Args('input', { type: () => DeterminationInputType }) input: DeterminationInputType,
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
    @Args('at', { type: () => PolicyCoordinatesInput, nullable: true }) at?: PolicyCoordinatesInput,
    @ConsistentWith() _consistentWith?: number,
    @Context() context?: WorkContext,
  ): Promise<DeterminationResultType> {
    return this.queries.execute(new EvaluateDetermination(input, policyId, at, context?.work?.signal));
  }
}
