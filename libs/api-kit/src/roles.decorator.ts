import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, Role } from '#domain';

export const ROLES_KEY = 'platform:roles';

/** The roles allowed to run a resolver; the auth guard refuses every resolver without it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated actor, set on the GraphQL context by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return GqlExecutionContext.create(context).getContext<{ actor: Actor }>().actor;
});
