import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { preExecutionHookHandler } from 'mercurius';
import { AuthService } from '../auth/auth.service.js';
import type { PlatformGraphqlContext } from '../auth/graphql-auth.js';
import { AppConfig } from '../config/app-config.js';
import { ApiGraphQLError } from '../errors/api-error.js';
import { complexityAtExecution, type ComplexityLimit } from '../graphql/complexity-limit.rule.js';
import { noteActor } from '../logging/http-logging.js';
import { PointsBuckets, type Charge } from './points-bucket.js';

const CALLER = Symbol('rate-limit caller');
const UNLIMITED_PATHS = /^\/health\//;

type RequestWithCaller = FastifyRequest & { [CALLER]?: string };

/** A refusal on arrival as a route family answers it (the REST API: problem details). */
export type RefusalAnswer = (refused: ApiGraphQLError) => { contentType: string; body: unknown };

/**
 * The per-caller rate limit by points (docs/adr/017-fair-use.md): every request costs a point
 * when it arrives, and a GraphQL operation what its complexity says (field-costs.ts, items
 * counted from the variables) once it is known. Callers are keyed by the token's `sub`, else by
 * IP address. Answers carry the RateLimit headers (IETF httpapi draft); a refusal is HTTP 429
 * with `Retry-After` and the code RATE_LIMITED with `retryAfter` seconds.
 *
 * Other routes (REST /v1 and the like) are charged a point each by the onRequest hook with no
 * further work; a route that costs more charges the rest with `charge(request, reply, points)`
 * and throws `refusal(charge)` when it is not allowed.
 */
export class RateLimiter {
  private readonly buckets: PointsBuckets | null;
  private readonly answers: { prefix: string; answer: RefusalAnswer }[] = [];
  /** Called on every refusal (the API counts them in /metrics). */
  onRefusal: (transport: 'http' | 'websocket') => void = () => {};

  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    const { points, windowSeconds } = config.rateLimit;
    this.buckets = points === 0 ? null : new PointsBuckets(points, windowSeconds);
  }

  /** Registers the onRequest hook on the Fastify instance, before the app listens. */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply) => {
      if (UNLIMITED_PATHS.test(request.url)) return;
      const caller = await this.callerOf(request);
      noteActor(request, caller);
      if (this.buckets === null) return;
      const charge = this.charge(request, reply, 1, caller);
      if (charge.allowed) return;
      const answer = this.answers.find(({ prefix }) => request.url.startsWith(prefix))?.answer;
      if (answer) {
        const { contentType, body } = answer(refusal(charge));
        await reply.code(429).type(contentType).send(body);
      } else {
        await reply.code(429).send({ errors: [{ message: refusalMessage(charge), extensions: refusalExtensions(charge) }] });
      }
    });
  }

  /** Refusals on arrival of requests whose path starts with `prefix` are answered by `answer` (default: a GraphQL error body). */
  answerRefusals(prefix: string, answer: RefusalAnswer): void {
    this.answers.push({ prefix, answer });
  }

  /** The caller key of a request: `sub:<actor>` for a valid bearer token, else `ip:<address>`. */
  async callerOf(request: FastifyRequest): Promise<string> {
    const known = (request as RequestWithCaller)[CALLER];
    if (known !== undefined) return known;
    let caller = `ip:${request.ip}`;
    if (request.headers.authorization !== undefined) {
      try {
        caller = `sub:${(await this.auth.authenticateRequest(request)).id}`;
      } catch {
        // Refused later, with the reason, by the route's own authentication.
      }
    }
    return ((request as RequestWithCaller)[CALLER] = caller);
  }

  /** Takes `points` from the caller's bucket and sets the RateLimit headers on the reply. */
  charge(request: FastifyRequest, reply: FastifyReply, points: number, caller = (request as RequestWithCaller)[CALLER] ?? `ip:${request.ip}`): Charge {
    if (this.buckets === null) return { allowed: true, limit: 0, remaining: 0, resetSeconds: 0, retryAfterSeconds: 0 };
    const charge = this.buckets.charge(caller, points);
    void reply.header('RateLimit-Limit', charge.limit);
    void reply.header('RateLimit-Remaining', charge.remaining);
    void reply.header('RateLimit-Reset', charge.resetSeconds);
    void reply.header('RateLimit-Policy', `${charge.limit};w=${this.buckets.windowSeconds}`);
    if (!charge.allowed) {
      void reply.header('Retry-After', charge.retryAfterSeconds);
      this.onRefusal('http');
    }
    return charge;
  }

  /** Charges any caller key (a graphql-ws connection, for one): true when allowed. */
  chargeCaller(caller: string, points: number): Charge | null {
    if (this.buckets === null) return null;
    const charge = this.buckets.charge(caller, points);
    if (!charge.allowed) this.onRefusal('websocket');
    return charge;
  }

  /**
   * A Mercurius preExecution hook: refuses an operation over the complexity limit now that its
   * variables (the items they hold) are known, then charges its complexity, less the point its
   * request paid on arrival.
   */
  graphqlHook(limit: ComplexityLimit): preExecutionHookHandler {
    return (_schema, document, context, variables) => {
      const reply = context.reply;
      if (reply === undefined) return;
      const request = reply.request;
      const operationName = (request.body as { operationName?: unknown } | undefined)?.operationName;
      const operation = document.definitions.find(
        (d) => d.kind === 'OperationDefinition' && (typeof operationName !== 'string' || d.name?.value === operationName),
      );
      if (operation?.kind !== 'OperationDefinition') return;
      const complexity = complexityAtExecution(document, operation, variables, limit);
      if (this.buckets === null) return;
      const points = Math.max(0, complexity - 1);
      const actor = (context as PlatformGraphqlContext).actor;
      const charge = this.charge(request, reply, points, actor ? `sub:${actor.id}` : undefined);
      if (!charge.allowed) throw refusal(charge);
    };
  }
}

export function refusal(charge: Charge): ApiGraphQLError {
  return new ApiGraphQLError({ message: refusalMessage(charge), extensions: refusalExtensions(charge) });
}

function refusalMessage(charge: Charge): string {
  return `Rate limit: this caller has ${charge.remaining} of ${charge.limit} points left; retry after ${charge.retryAfterSeconds} s`;
}

function refusalExtensions(charge: Charge) {
  return { code: 'RATE_LIMITED' as const, retryAfter: charge.retryAfterSeconds, limit: charge.limit, remaining: charge.remaining };
}
