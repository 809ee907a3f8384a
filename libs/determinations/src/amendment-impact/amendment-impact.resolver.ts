import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type Database from 'better-sqlite3';
import { Clock, DateTimeScalar, Roles } from '#api-kit';
import { DomainError, type Instant } from '#domain';
import { AmendmentsProjection, PolicyCoordinatesService, PolicyTimelines } from '#policy';
import { ImpactReportType } from '../graphql/impact-report.type.js';
import { analyseImpact } from '../impact/impact-analysis.js';
import { READ_MODEL_DATABASE } from '../read-model/read-model.token.js';

@Resolver()
export class AmendmentImpactResolver {
  constructor(
    private readonly amendments: AmendmentsProjection,
    private readonly coordinates: PolicyCoordinatesService,
    private readonly timelines: PolicyTimelines,
    private readonly clock: Clock,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
  ) {}

  @Query(() => ImpactReportType, {
    description: "Every recorded determination valid in the window, re-evaluated with and without the amendment at today's knowledge",
  })
  @Roles('viewer')
  async amendmentImpact(
    @Args('id', { type: () => ID }) id: string,
    @Args('validFrom', { type: () => DateTimeScalar, nullable: true }) validFrom?: Instant,
    @Args('validTo', { type: () => DateTimeScalar, nullable: true }) validTo?: Instant,
  ): Promise<ImpactReportType> {
    const amendment = this.amendments.get(id)?.state;
    if (!amendment) throw new DomainError('NOT_FOUND', `No amendment '${id}'.`, { amendmentId: id });
    const staged = this.coordinates.stagedChanges(amendment.policyId, id);
    const recorded = [...this.timelines.timeline(amendment.policyId).events];
    const report = await analyseImpact(this.db, { policyId: amendment.policyId, recorded, staged, knownAt: this.clock.now() }, { validFrom, validTo });
    return { amendmentId: id, ...report };
  }
}
