import { parse, specifiedRules, validate, type ValidationRule } from 'graphql';
import type { preSubscriptionParsingHookHandler } from 'mercurius';
import { ApiGraphQLError } from '../errors/api-error.js';
import { describeRequestError } from '../errors/describe-error.js';

/**
 * Mercurius validates queries and mutations but starts subscriptions without validating them;
 * this hook applies graphql-js's rules and ours (depth, complexity) to subscriptions too.
 */
export function subscriptionValidation(rules: ValidationRule[]): preSubscriptionParsingHookHandler {
  return async (schema, source) => {
    let errors;
    try {
      errors = validate(schema, parse(source), [...specifiedRules, ...rules]);
    } catch (syntaxError) {
      errors = [syntaxError as Error];
    }
    if (errors.length > 0) throw new ApiGraphQLError(describeRequestError(errors[0]!));
  };
}
