import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AmendmentRedlineResolver } from './amendments/amendment-redline/amendment-redline.resolver.js';
import { AmendmentStore } from './amendments/amendment-store.service.js';
import { AmendmentsProjection } from './amendments/amendments.projection.js';
import { AmendmentsResolver } from './amendments/amendments.resolver.js';
import { DraftAmendmentHandler } from './amendments/draft-amendment/draft-amendment.handler.js';
import { PublishAmendmentHandler } from './amendments/publish-amendment/publish-amendment.handler.js';
import { RebaseAmendmentHandler } from './amendments/rebase-amendment/rebase-amendment.handler.js';
import { ReviewAmendmentHandler } from './amendments/review-amendment/review-amendment.handler.js';
import { ReviseAmendmentHandler } from './amendments/revise-amendment/revise-amendment.handler.js';
import { ImportPolicyDocumentsHandler } from './import-policies/import-policy-documents.handler.js';
import { PolicyChangedResolver } from './policy-changed/policy-changed.resolver.js';
import { PolicyCoordinatesService } from './policy-coordinates.service.js';
import { PolicyTimelines } from './policy-timelines.service.js';
import { ChangeDetailsResolver } from './typed-fields/change-details.resolver.js';
import { LedgerCapResolver } from './typed-fields/ledger-cap.resolver.js';
import { GetCountryHistoryHandler } from './queries/get-country-history/get-country-history.handler.js';
import { GetCountryHistoryResolver } from './queries/get-country-history/get-country-history.resolver.js';
import { GetCountryStatusHandler } from './queries/get-country-status/get-country-status.handler.js';
import { GetCountryStatusResolver } from './queries/get-country-status/get-country-status.resolver.js';
import { GetPolicyDiffHandler } from './queries/get-policy-diff/get-policy-diff.handler.js';
import { GetPolicyDiffResolver } from './queries/get-policy-diff/get-policy-diff.resolver.js';
import { GetPolicyHistoryHandler } from './queries/get-policy-history/get-policy-history.handler.js';
import { GetPolicyHistoryResolver } from './queries/get-policy-history/get-policy-history.resolver.js';
import { GetPolicyHandler } from './queries/get-policy/get-policy.handler.js';
import { GetPolicyResolver } from './queries/get-policy/get-policy.resolver.js';

/** Policy queries, the amendment lifecycle, and the policy timeline and amendments projections. Needs EVENT_STORE, Clock and LiveFeed from the app. */
@Module({
  imports: [CqrsModule],
  providers: [
    PolicyTimelines,
    ChangeDetailsResolver,
    LedgerCapResolver,
    PolicyCoordinatesService,
    ImportPolicyDocumentsHandler,
    GetPolicyHandler,
    GetPolicyResolver,
    GetCountryStatusHandler,
    GetCountryStatusResolver,
    GetCountryHistoryHandler,
    GetCountryHistoryResolver,
    GetPolicyHistoryHandler,
    GetPolicyHistoryResolver,
    GetPolicyDiffHandler,
    GetPolicyDiffResolver,
    PolicyChangedResolver,
    AmendmentStore,
    AmendmentsProjection,
    AmendmentsResolver,
    AmendmentRedlineResolver,
    DraftAmendmentHandler,
    ReviseAmendmentHandler,
    ReviewAmendmentHandler,
    PublishAmendmentHandler,
    RebaseAmendmentHandler,
  ],
  exports: [PolicyTimelines, PolicyCoordinatesService, AmendmentsProjection],
})
export class PolicyModule {}
