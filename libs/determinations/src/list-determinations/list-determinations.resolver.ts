import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type Database from 'better-sqlite3';
import { ConsistentWith, Roles } from '#api-kit';
import { InvalidInputError } from '#domain';
import { DeterminationConnectionType, DeterminationFilterInput, DeterminationOrderEnum } from '../graphql/determination-connection.type.js';
import type { DeterminationType } from '../graphql/determination.type.js';
import { READ_MODEL_DATABASE } from '../read-model/read-model.token.js';
import { decodeSearchCursor, encodeSearchCursor, searchStatements, type DeterminationOrder } from './determination-search.js';

const MAX_PAGE_SIZE = 500;

/** Filtered listing from the read model, in issued (commit) order or by valid time, paged by keyset cursors. */
@Resolver()
export class ListDeterminationsResolver {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  @Query(() => DeterminationConnectionType)
  @Roles('viewer')
  determinations(
    @Args('filter', { type: () => DeterminationFilterInput, nullable: true }) filter?: DeterminationFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('orderBy', { type: () => DeterminationOrderEnum, nullable: true, description: 'Default ISSUED_ASC: oldest first' })
    orderBy?: DeterminationOrder,
    @ConsistentWith() _consistentWith?: number,
  ): DeterminationConnectionType {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new InvalidInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    const order = orderBy ?? 'ISSUED_ASC';
    const cursor = after === undefined || after === null ? undefined : decodeSearchCursor(after);
    const { count, page } = searchStatements(filter ?? {}, order, cursor, size + 1);
    const total = this.db.prepare(count.sql).get(count.params) as { n: number };
    const rows = this.db.prepare(page.sql).all(page.params) as Array<{ document: string; position: number; valid_at: string }>;
    const edges = rows.slice(0, size).map((row) => ({
      cursor: encodeSearchCursor({ order, position: row.position, ...(order.startsWith('VALID_AT') ? { validAt: row.valid_at } : {}) }),
      node: JSON.parse(row.document) as DeterminationType,
    }));
    const nodes = edges.map((edge) => edge.node);
    return { edges, nodes, totalCount: total.n, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor } };
  }
}
