import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '#api-kit';
import { buildMemo, RuleSourcesQuery, RulingMemoQuery, type Operation, type Reader } from '#memo';
import { DomainError, type Actor } from '#domain';
import { ApiGraphQLError, isApiErrorCode } from '../platform/index.js';
import { memoHtml } from './memo-html.js';
import { memoPdf } from './memo-pdf.js';

/**
 * The memo of a ruling for the file: `GET /reports/determinations/:id` (print-ready HTML) and
 * `GET /reports/determinations/:id.pdf`. The content comes from the public GraphQL API, run in
 * this process as the caller: `determination(id)` authorises it exactly as it authorises the query.
 */
@Controller('reports')
export class ReportsController {
  constructor(private readonly adapter: HttpAdapterHost) {}

  @Get('determinations/:id')
  @Roles('viewer')
  async determinationMemo(
    @Param('id') requested: string,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pdf = requested.endsWith('.pdf');
    const id = pdf ? requested.slice(0, -'.pdf'.length) : requested;
    const ruling = (await this.query(RulingMemoQuery, { id }, actor)).determination;
    if (ruling === null) throw new DomainError('NOT_FOUND', `No determination '${id}'.`, { id });
    const { validAt, knownAt, publishedBy } = ruling.policyVersion;
    const sources = await this.query(RuleSourcesQuery, { policyId: ruling.policyId, at: { validAt, knownAt, publishedBy } }, actor);
    const reader = readerOf(acceptLanguage);
    const memo = buildMemo(ruling, sources.policy, reader);
    const generatedAt = new Date().toISOString();
    const name = `ruling-${(ruling.reference ?? ruling.id).replace(/[^A-Za-z0-9._-]+/g, '_')}`;
    void reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
    if (pdf) {
      await reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .send(await memoPdf(memo, reader, generatedAt));
      return;
    }
    await reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .header('content-disposition', `inline; filename="${name}.html"`)
      .send(memoHtml(memo, reader, generatedAt));
  }

  /** Runs one of the memo's operations through the app's own GraphQL endpoint, as the caller. */
  private async query<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables, actor: Actor): Promise<Result> {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance & { graphql: GraphqlRunner }>();
    const result = await fastify.graphql(operation, { actor }, variables as Record<string, unknown>);
    const error = result.errors?.[0];
    // The API's own error, code and all: the HTTP answer gets the status of that code.
    if (error !== undefined) {
      const code = isApiErrorCode(error.extensions?.code) ? error.extensions.code : 'INTERNAL';
      throw new ApiGraphQLError({ message: error.message, extensions: { ...error.extensions, code } });
    }
    return result.data as Result;
  }
}

type GraphqlRunner = (
  source: string,
  context: Record<string, unknown>,
  variables: Record<string, unknown>,
) => Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;

/** The reader's locale from Accept-Language (its first tag that Intl knows); dates in UTC, as the server knows no time zone. */
export function readerOf(acceptLanguage: string | undefined): Reader {
  for (const tag of (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]!.trim())) {
    if (tag === '' || tag === '*') continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0) return { locale: tag, timeZone: 'UTC' };
    } catch {
      // Not a language tag: try the next.
    }
  }
  return { locale: 'en-US', timeZone: 'UTC' };
}
