import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type Database from 'better-sqlite3';
import { ConsistentWith, Roles } from '#api-kit';
import { InvalidInputError } from '#domain';
import { DeterminationRecords } from '../determination-records.service.js';
import { toDetermination } from '../determination-record.js';
import { DeterminationConnectionType, DeterminationFilterInput, DeterminationOrderEnum } from '../graphql/determination-connection.type.js';
import type { DeterminationType } from '../graphql/determination.type.js';
import { readModelDocuments } from '../read-model/determinations-table.js';
import { READ_MODEL_DATABASE } from '../read-model/read-model.token.js';
import { decodeSearchCursor, encodeSearchCursor, searchStatements, type DeterminationOrder } from './determination-search.js';

const MAX_PAGE_SIZE = 500;

/**
 * Filtered listing: the read model finds the page (issued (commit) order or by valid time, keyset
 * cursors); each determination on it comes from the read model's documents where it keeps them,
 * else from the store, as `determination(id)` reads it (ADR 035).
 */
@Resolver()
export class ListDeterminationsResolver {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    private readonly records: DeterminationRecords,
  ) {}

  @Query(() => DeterminationConnectionType)
  @Roles('viewer')
  async determinations(
    @Args('filter', { type: () => DeterminationFilterInput, nullable: true }) filter?: DeterminationFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('orderBy', { type: () => DeterminationOrderEnum, nullable: true, description: 'Default ISSUED_ASC: oldest first' })
    orderBy?: DeterminationOrder,
    @ConsistentWith() _consistentWith?: number,
  ): Promise<DeterminationConnectionType> {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new InvalidInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    const order = orderBy ?? 'ISSUED_ASC';
    const cursor = after === undefined || after === null ? undefined : decodeSearchCursor(after);
    const { count, page } = searchStatements(filter ?? {}, order, cursor, size + 1);
    const total = this.db.prepare(count.sql).get(count.params) as { n: number };
    const rows = this.db.prepare(page.sql).all(page.params) as Array<{ id: string; position: number; valid_at: string }>;
    const shown = rows.slice(0, size);
    const nodes = await this.documents(shown);
    const edges = shown.map((row, i) => ({
      cursor: encodeSearchCursor({ order, position: row.position, ...(order.startsWith('VALID_AT') ? { validAt: row.valid_at } : {}) }),
      node: nodes[i]!,
    }));
    return { edges, nodes, totalCount: total.n, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor } };
  }

  private async documents(rows: Array<{ id: string; position: number }>): Promise<DeterminationType[]> {
    const kept = readModelDocuments(
      this.db,
      rows.map((row) => row.position),
    );
    return Promise.all(
      rows.map(async (row) => {
        const document = kept?.get(row.position);
        if (document !== undefined) return JSON.parse(document) as DeterminationType;
        const { data, position } = await this.records.get(row.id);
        return toDetermination(data, position);
      }),
    );
  }
}
