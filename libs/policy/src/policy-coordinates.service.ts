import { Injectable } from '@nestjs/common';
import { Clock } from '#api-kit';
import { DomainError, type PolicyCoordinates, type PolicyTimeline } from '#domain';
import type { PolicyCoordinatesInput } from './graphql/policy-coordinates.input.js';
import { DEFAULT_POLICY_ID } from './policy-streams.js';
import { PolicyTimelines } from './policy-timelines.service.js';

export interface ResolvedCoordinates {
  policyId: string;
  timeline: PolicyTimeline;
  coordinates: PolicyCoordinates;
}

/** Turns what a caller asked for into full coordinates: missing times mean now, a missing policy the default. */
@Injectable()
export class PolicyCoordinatesService {
  constructor(
    private readonly timelines: PolicyTimelines,
    private readonly clock: Clock,
  ) {}

  resolve(policyId: string | undefined | null, at: PolicyCoordinatesInput | undefined | null): ResolvedCoordinates {
    const id = policyId ?? DEFAULT_POLICY_ID;
    const now = this.clock.now();
    const timeline = this.timelines.timeline(id);
    if (at?.withAmendments?.length) {
      throw new DomainError('NOT_FOUND', `No staged amendment '${at.withAmendments[0]}'.`, { amendmentId: at.withAmendments[0] });
    }
    return {
      policyId: id,
      timeline,
      coordinates: { validAt: at?.validAt ?? now, knownAt: at?.knownAt ?? now, publishedBy: at?.publishedBy ?? null },
    };
  }
}
