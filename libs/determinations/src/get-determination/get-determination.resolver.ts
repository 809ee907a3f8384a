import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, Roles } from '#api-kit';
import { toDetermination } from '../determination-record.js';
import { DeterminationRecords } from '../determination-records.service.js';
import { DeterminationType } from '../graphql/determination.type.js';

@Resolver()
export class GetDeterminationResolver {
  constructor(private readonly records: DeterminationRecords) {}

  @Query(() => DeterminationType, { nullable: true, description: 'An issued determination, read from its own stream' })
  @Roles('viewer')
  async determination(@Args('id', { type: () => ID }) id: string, @ConsistentWith() _consistentWith?: number): Promise<DeterminationType | null> {
    const found = await this.records.find(id);
    return found ? toDetermination(found.data, found.position) : null;
  }
}
