import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ApiGraphQLError, type ApiErrorCode } from './api-error.js';
import { requestLogOf } from '../logging/request-log.js';
import { describeError } from './describe-error.js';

/** The HTTP status of each error code, for HTTP routes (Nest controllers, the REST API). */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  POLICY_INVALID: 422,
  QUOTA_EXCEEDED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * Global filter (APP_FILTER). In GraphQL it turns whatever a resolver, guard or pipe throws into
 * an ApiGraphQLError, so that subscriptions (whose start-up errors Mercurius sends without the
 * error formatter) report the same codes as queries. HTTP routes keep Nest's responses, with our
 * error codes given their HTTP status.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Errors');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    const log = requestLogOf(host);
    const logInternal = (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      if (log) log.error({ context: 'Errors' }, text);
      else this.logger.error(text);
    };
    if (host.getType<string>() === 'graphql') return new ApiGraphQLError(describeError(exception, logInternal));
    if (exception instanceof HttpException) return super.catch(exception, host);
    const { message, extensions } = describeError(exception, logInternal);
    return super.catch(new HttpException({ statusCode: HTTP_STATUS[extensions.code], ...extensions, message }, HTTP_STATUS[extensions.code]), host);
  }
}
