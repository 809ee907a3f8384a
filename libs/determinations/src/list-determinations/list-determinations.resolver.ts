import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type Database from 'better-sqlite3';
import { ConsistentWith, decodePositionCursor, encodePositionCursor, Roles } from '#api-kit';
import { InvalidInputError } from '#domain';
import { DeterminationConnectionType, DeterminationFilterInput } from '../graphql/determination-connection.type.js';
import type { DeterminationType } from '../graphql/determination.type.js';
import { READ_MODEL_DATABASE } from '../read-model/read-model.token.js';

const MAX_PAGE_SIZE = 500;

/** Filtered listing from the read model, newest last, paged by commit position. */
@Resolver()
export class ListDeterminationsResolver {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  @Query(() => DeterminationConnectionType)
  @Roles('viewer')
  determinations(
    @Args('filter', { type: () => DeterminationFilterInput, nullable: true }) filter?: DeterminationFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @ConsistentWith() _consistentWith?: number,
  ): DeterminationConnectionType {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new InvalidInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    const { where, params } = conditions(filter ?? {});
    const total = this.db.prepare(`SELECT COUNT(*) AS n FROM rm_determinations ${clause(where)}`).get(params) as { n: number };
    const pageWhere = after === undefined ? where : [...where, 'position > @after'];
    const rows = this.db
      .prepare(`SELECT document, position FROM rm_determinations ${clause(pageWhere)} ORDER BY position LIMIT @limit`)
      .all({ ...params, after: after === undefined ? 0 : decodePositionCursor(after), limit: size + 1 }) as Array<{ document: string; position: number }>;
    const nodes = rows.slice(0, size).map((row) => JSON.parse(row.document) as DeterminationType);
    const edges = nodes.map((node) => ({ cursor: encodePositionCursor(node.position), node }));
    return { edges, nodes, totalCount: total.n, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor } };
  }
}

function conditions(filter: DeterminationFilterInput): { where: string[]; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const add = (value: string | undefined, sql: string, name: string) => {
    if (value === undefined || value === null) return;
    where.push(sql);
    params[name] = value;
  };
  add(filter.destination, 'destination = @destination', 'destination');
  add(filter.consignee, 'consignee_id = @consignee', 'consignee');
  add(filter.outcome, 'outcome = @outcome', 'outcome');
  add(filter.validFrom, 'valid_at >= @validFrom', 'validFrom');
  add(filter.validTo, 'valid_at <= @validTo', 'validTo');
  add(filter.issuedFrom, 'issued_at >= @issuedFrom', 'issuedFrom');
  add(filter.issuedTo, 'issued_at <= @issuedTo', 'issuedTo');
  return { where, params };
}

const clause = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');
