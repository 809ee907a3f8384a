import { Injectable } from '@nestjs/common';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { GraphQLSchema } from 'graphql';
import { AuthService } from '../auth/auth.service.js';
import { graphqlAuth } from '../auth/graphql-auth.js';
import { AppConfig } from '../config/app-config.js';
import { createErrorFormatter } from '../errors/error-formatter.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { expensiveFieldTurns } from '../work/expensive-fields.js';
import { longListTurns } from '../work/long-lists.js';
import { longVariableTurns } from '../work/long-variables.js';
import { aliasLimitRule } from './alias-limit.rule.js';
import { complexityLimitRule } from './complexity-limit.rule.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { literalPathsRule } from './literal-paths.rule.js';
import { documentShape, noSubscriptionOverHttp } from './request-shape.js';
import { subscriptionValidation } from './subscription-validation.js';

/** The page size assumed for `first: $variable` when estimating complexity. */
const ASSUMED_PAGE_SIZE = 100;

export type PlatformDriverOptions = Required<Pick<MercuriusDriverConfig, 'errorFormatter' | 'validationRules' | 'hooks'>> & {
  subscription: { onConnect: NonNullable<Exclude<MercuriusDriverConfig['subscription'], boolean | undefined>['onConnect']> };
};

/** The platform's part of the Mercurius driver configuration. */
@Injectable()
export class GraphqlPlatform {
  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * Spread into the MercuriusDriverConfig (merge `subscription` with your own subscription
   * options): authentication hooks, the error formatter, the depth and complexity limits, and
   * the record of literal values' paths that error messages need.
   */
  driverOptions(): PlatformDriverOptions {
    const { maxDepth, maxComplexity, maxAliases } = this.config.graphql;
    const validationRules = [
      depthLimitRule(maxDepth),
      complexityLimitRule({ maxComplexity, assumedPageSize: ASSUMED_PAGE_SIZE }),
      aliasLimitRule(maxAliases),
      literalPathsRule,
    ];
    const auth = graphqlAuth(this.auth);
    const longVariables = longVariableTurns(this.config.requestDeadlineMs);
    return {
      errorFormatter: createErrorFormatter(),
      validationRules,
      hooks: {
        preParsing: [auth.hooks.preParsing, documentShape, longVariables.preParsing],
        preExecution: [noSubscriptionOverHttp, this.limiter.graphqlHook({ maxComplexity, assumedPageSize: ASSUMED_PAGE_SIZE }), longVariables.preExecution],
        // Authentication first: callers without a token learn nothing from validation messages.
        preSubscriptionParsing: [auth.hooks.preSubscriptionParsing, subscriptionValidation(validationRules)],
      },
      subscription: { onConnect: auth.onConnect },
    };
  }

  /**
   * The schema transform that keeps the event loop turning (docs/adr/026-work-in-turns.md):
   * expensive root fields wait for their turn and get the request's work, long lists are
   * completed in chunks. Apply it before other transforms that wrap root fields.
   */
  transformSchema(): (schema: GraphQLSchema) => GraphQLSchema {
    const expensiveFields = expensiveFieldTurns(this.config.requestDeadlineMs);
    return (schema) => expensiveFields(longListTurns(schema));
  }
}
