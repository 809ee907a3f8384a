import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, JsonScalar } from '#api-kit';
import { DomainError } from '#domain';
import { determinationStream, DeterminationType } from '#determinations';
import type { EventStore } from '#event-store';
import { AuditRecord } from '../nest/audit-record.service.js';

@Resolver(() => DeterminationType)
export class DeterminationReceiptResolver {
  constructor(
    private readonly audit: AuditRecord,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ResolveField('receipt', () => JsonScalar, {
    description:
      'The receipt to file with the ruling: the recorded event, its leaf hash and index, and its inclusion proof against a signed checkpoint (docs/audit.md). Verify offline with `policyctl audit verify-receipt`.',
  })
  async receipt(@Parent() determination: DeterminationType): Promise<unknown> {
    const [event] = await this.store.readStream(determinationStream(determination.id), { maxCount: 1 });
    if (!event) throw new DomainError('NOT_FOUND', `No determination '${determination.id}'.`, { id: determination.id });
    return this.audit.receipt(event);
  }
}
