// Test-only resolvers and routes: one of each kind of operation the platform must guard, map or limit.
import { Controller, Get } from '@nestjs/common';
import {
  Args,
  Context,
  Field,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
  registerEnumType,
} from '@nestjs/graphql';
import { DomainError, InvalidInputError, PolicyInvalidError, type Actor } from '#domain';
import { ConcurrencyError } from '#event-store';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { CurrentActor, DateTimeScalar, JsonScalar, Roles } from '#api-kit';

export enum ProbeColour {
  RED = 'RED',
  GREEN = 'GREEN',
}
registerEnumType(ProbeColour, { name: 'ProbeColour' });

@InputType()
export class ProbeItemInput {
  @Field()
  @IsString()
  kind!: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  quantity?: number;
}

@InputType()
export class ProbeOrderInput {
  @Field()
  @Length(2, 2)
  destination!: string;

  @Field(() => [ProbeItemInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ProbeItemInput)
  items!: ProbeItemInput[];
}

@ObjectType()
export class ProbeActor {
  @Field()
  id!: string;

  @Field(() => [String])
  roles!: string[];
}

@ObjectType()
export class ProbeTree {
  @Field()
  name!: string;
}

async function* countTo(last: number): AsyncGenerator<{ ticks: number }> {
  for (let tick = 1; tick <= last; tick++) yield { ticks: tick };
}

@Resolver()
export class ProbeResolver {
  @Query(() => ProbeActor)
  @Roles('viewer')
  whoAmI(@CurrentActor() actor: Actor): ProbeActor {
    return { id: actor.id, roles: [...actor.roles] };
  }

  @Query(() => String)
  @Roles('approver')
  approverOnly(): string {
    return 'approved';
  }

  @Query(() => String)
  withoutRoles(): string {
    return 'should never be returned';
  }

  @Query(() => String)
  @Roles('viewer')
  fail(@Args('code') code: string): string {
    switch (code) {
      case 'CONFLICT':
        throw new ConcurrencyError('amendment-7', 3, 5);
      case 'BAD_USER_INPUT':
        throw new InvalidInputError('quantity must be positive', 'items.0.quantity');
      case 'POLICY_INVALID':
        throw new PolicyInvalidError('condition does not compile', { changeIndex: 2, field: 'condition', position: 14 });
      case 'NOT_FOUND':
        throw new DomainError('NOT_FOUND', 'No amendment "a-1"', { id: 'a-1' });
      case 'QUOTA_EXCEEDED':
        throw new DomainError('QUOTA_EXCEEDED', 'LPP cap reached', { cap: 100 });
      default:
        throw new Error('connection to db://admin:hunter2@10.0.0.5 refused');
    }
  }

  @Query(() => DateTimeScalar)
  @Roles('viewer')
  instant(@Args('at', { type: () => DateTimeScalar }) at: string): string {
    return at;
  }

  @Query(() => JsonScalar)
  @Roles('viewer')
  echoJson(@Args('value', { type: () => JsonScalar }) value: unknown): unknown {
    return value;
  }

  @Query(() => String)
  @Roles('viewer')
  correlationId(@Context() context: { reply?: { request: { id: string } } }): string | undefined {
    return context.reply?.request.id;
  }

  @Query(() => ProbeColour)
  @Roles('viewer')
  colour(@Args('colour', { type: () => ProbeColour }) colour: ProbeColour): ProbeColour {
    return colour;
  }

  @Query(() => ProbeTree)
  @Roles('viewer')
  tree(): ProbeTree {
    return { name: 'root' };
  }

  @Mutation(() => Int)
  @Roles('determiner')
  placeOrder(@Args('input') input: ProbeOrderInput): number {
    if (!(input.items[0] instanceof ProbeItemInput)) throw new Error('the pipe did not transform the input');
    return input.items.length;
  }

  @Subscription(() => Int)
  @Roles('viewer')
  ticks(): AsyncGenerator<{ ticks: number }> {
    return countTo(3);
  }

  @Subscription(() => Int)
  @Roles('approver')
  approvals(): AsyncGenerator<{ approvals: number }> {
    return (async function* () {
      yield { approvals: 1 };
    })();
  }
}

@Resolver(() => ProbeTree)
export class ProbeTreeResolver {
  @ResolveField(() => [ProbeTree])
  children(@Parent() tree: ProbeTree, @Args('first', { type: () => Int, nullable: true }) first?: number): ProbeTree[] {
    return Array.from({ length: first ?? 1 }, (_, i) => ({ name: `${tree.name}.${i}` }));
  }

  @ResolveField(() => String)
  @Roles('admin')
  adminNote(): string {
    return 'for admins';
  }
}

@Controller('probe')
export class ProbeController {
  @Get('admin')
  @Roles('admin')
  admin(@CurrentActor() actor: Actor): { actor: string } {
    return { actor: actor.id };
  }

  @Get('without-roles')
  withoutRoles(): string {
    return 'should never be returned';
  }
}
