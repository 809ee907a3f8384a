import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, mayAct, type Actor, type Role } from '#domain';
import type { GraphQLResolveInfo } from 'graphql';
import { AuthService } from './auth.service.js';
import type { PlatformGraphqlContext } from './graphql-auth.js';
import { PUBLIC_KEY, ROLES_KEY } from '#api-kit';

/**
 * Global guard (APP_GUARD). Fails closed: a root resolver (Query, Mutation, Subscription field)
 * or HTTP route without @Roles is refused, unless the route is @Public(). Fields of object types
 * (@ResolveField, guarded only if the lead enables `fieldResolverEnhancers: ['guards']`) are
 * covered by their root operation's check and only need @Roles to narrow it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const operation = `${context.getClass().name}.${context.getHandler().name}`;

    if (context.getType<string>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<GraphQLResolveInfo>();
      if (roles === undefined && !isRootField(info)) return true;
      const graphqlContext = gql.getContext<PlatformGraphqlContext>();
      // The Mercurius hooks normally authenticated already; this covers a driver set up without them.
      const request = graphqlContext.reply?.request;
      graphqlContext.actor ??= await (request ? this.auth.authenticateRequest(request) : this.auth.authenticate(undefined));
      return this.authorize(graphqlContext.actor, roles, operation);
    }

    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; actor?: Actor }>();
    request.actor = await this.auth.authenticateRequest(request);
    return this.authorize(request.actor, roles, operation);
  }

  private authorize(actor: Actor, roles: Role[] | undefined, operation: string): true {
    if (roles === undefined) {
      this.logger.warn(`${operation} declares no @Roles and is refused to everyone`);
      throw new DomainError('FORBIDDEN', 'This operation is not open to any role');
    }
    if (!mayAct(actor, roles)) {
      throw new DomainError('FORBIDDEN', `This operation needs one of the roles: ${roles.join(', ')}`, { requiredRoles: roles });
    }
    return true;
  }
}

function isRootField(info: GraphQLResolveInfo): boolean {
  const { schema, parentType } = info;
  return parentType === schema.getQueryType() || parentType === schema.getMutationType() || parentType === schema.getSubscriptionType();
}
