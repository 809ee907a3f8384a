import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, DateTimeScalar, Roles } from '#api-kit';
import type { Actor, Instant } from '#domain';
import { DeterminationInputType } from '../graphql/determination.input.js';
import { DeterminationType } from '../graphql/determination.type.js';
import { IssueDetermination } from './issue-determination.command.js';

@Resolver()
export class IssueDeterminationResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => DeterminationType, { description: 'Decides and records a determination; idempotent per commandId' })
  @Roles('determiner')
  issueDetermination(
    @Args('input', { type: () => DeterminationInputType }) input: DeterminationInputType,
    @CurrentActor() actor: Actor,
    @Args('validAt', { type: () => DateTimeScalar, nullable: true }) validAt?: Instant,
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
    @Args('commandId', { type: () => ID, nullable: true }) commandId?: string,
  ): Promise<DeterminationType> {
    return this.commands.execute(new IssueDetermination(input, actor, { validAt, policyId, commandId }));
  }
}
