import { Injectable } from '@nestjs/common';
import { Clock } from '#api-kit';
import { documentToEvents, DomainError, InvalidInputError, type PolicyCoordinates, type PolicyEvent, type PolicyTimeline } from '#domain';
import { amendmentDocument } from './amendments/amendment-document.js';
import { AmendmentsProjection } from './amendments/amendments.projection.js';
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
    private readonly amendments: AmendmentsProjection,
  ) {}

  resolve(policyId: string | undefined | null, at: PolicyCoordinatesInput | undefined | null): ResolvedCoordinates {
    const id = policyId ?? DEFAULT_POLICY_ID;
    const now = this.clock.now();
    const coordinates = { validAt: at?.validAt ?? now, knownAt: at?.knownAt ?? now, publishedBy: at?.publishedBy ?? null };
    const recorded = this.timelines.timeline(id);
    const staged = (at?.withAmendments ?? []).flatMap((amendmentId) => this.stagedChanges(id, amendmentId));
    const timeline = staged.length === 0 ? recorded : recorded.withStaged(staged, coordinates.knownAt);
    return { policyId: id, timeline, coordinates };
  }

  /**
   * An amendment's changes as if recorded at the preview's knowledge instant, right after the
   * head. Published and withdrawn amendments have nothing left to preview.
   */
  stagedChanges(policyId: string, amendmentId: string): PolicyEvent[] {
    const amendment = this.amendments.get(amendmentId)?.state;
    if (!amendment) throw new DomainError('NOT_FOUND', `No amendment '${amendmentId}'.`, { amendmentId });
    if (amendment.policyId !== policyId) {
      throw new InvalidInputError(`withAmendments: amendment '${amendmentId}' changes policy '${amendment.policyId}', not '${policyId}'`, 'at.withAmendments');
    }
    if (amendment.status === 'PUBLISHED' || amendment.status === 'WITHDRAWN') {
      throw new InvalidInputError(
        `withAmendments: amendment '${amendmentId}' is ${amendment.status}; only unpublished amendments can be previewed`,
        'at.withAmendments',
      );
    }
    return documentToEvents(amendmentDocument(amendment));
  }
}
