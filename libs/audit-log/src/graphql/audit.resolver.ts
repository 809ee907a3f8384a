import { Args, Float, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#api-kit';
import { DomainError } from '#domain';
import { DeterminationRecords } from '#determinations';
import { EVENT_STORE } from '#api-kit';
import type { EventStore } from '#event-store';
import { Inject } from '@nestjs/common';
import { AuditRecord } from '../nest/audit-record.service.js';
import { AuditCheckpointType, AuditConsistencyProofType, AuditInclusionProofType, AuditVerificationType } from './audit.types.js';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly audit: AuditRecord,
    private readonly records: DeterminationRecords,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query(() => AuditCheckpointType, { description: 'The latest signed checkpoint written to the log (NOT_FOUND before the first)' })
  @Roles('viewer')
  auditCheckpoint(): AuditCheckpointType {
    return this.audit.latestCheckpoint();
  }

  @Query(() => AuditInclusionProofType, { description: "Inclusion proof of a determination's event, or of the event at a commit position" })
  @Roles('viewer')
  async auditInclusionProof(
    @Args('determinationId', { type: () => ID, nullable: true }) determinationId?: string,
    @Args('position', { type: () => Float, nullable: true }) position?: number,
  ): Promise<AuditInclusionProofType> {
    if ((determinationId === undefined) === (position === undefined))
      throw new DomainError('BAD_USER_INPUT', 'give exactly one of determinationId and position', { fields: ['determinationId', 'position'] });
    const at = determinationId !== undefined ? (await this.records.get(determinationId)).position : position!;
    return this.audit.inclusionProof(at);
  }

  @Query(() => AuditConsistencyProofType, { description: 'Consistency proof between two tree sizes (toTreeSize defaults to the latest checkpoint)' })
  @Roles('viewer')
  auditConsistencyProof(
    @Args('fromTreeSize', { type: () => Float }) fromTreeSize: number,
    @Args('toTreeSize', { type: () => Float, nullable: true }) toTreeSize?: number,
  ): AuditConsistencyProofType {
    return this.audit.consistencyProof(fromTreeSize, toTreeSize);
  }

  @Query(() => AuditVerificationType, {
    description: "Checks every event against the audit tree and the latest checkpoint's signature and root; with `stream`, walks that stream's hash chain",
  })
  @Roles('viewer')
  async verifyAuditTrail(@Args('stream', { nullable: true }) stream?: string): Promise<AuditVerificationType> {
    if (stream !== undefined || !this.audit.enabled) {
      const result = await this.store.verify(stream);
      if (result.ok) return { ok: true, streamsChecked: result.streamsChecked, eventsChecked: result.eventsChecked };
      const { broken } = result;
      return {
        ok: false,
        streamsChecked: result.streamsChecked,
        eventsChecked: result.eventsChecked,
        firstBrokenAt: `${broken.stream}@${broken.revision} (position ${broken.position}): ${broken.reason}`,
      };
    }
    return this.audit.verify();
  }
}
