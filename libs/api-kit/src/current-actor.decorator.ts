import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '#domain';

/** The authenticated actor of the current GraphQL operation (or HTTP request), set by AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ actor?: Actor }>().actor;
  }
  return context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
});
