import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, Roles } from '#api-kit';
import type { EventStore } from '#event-store';
import { AuditVerificationType } from '../graphql/determination-connection.type.js';

@Resolver()
export class VerifyAuditTrailResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => AuditVerificationType, { description: 'Walks the hash chain of one stream, or of every stream' })
  @Roles('viewer')
  async verifyAuditTrail(@Args('stream', { nullable: true }) stream?: string): Promise<AuditVerificationType> {
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
}
