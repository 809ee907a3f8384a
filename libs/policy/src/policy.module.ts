import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ImportPolicyDocumentsHandler } from './import-policies/import-policy-documents.handler.js';
import { PolicyChangedResolver } from './policy-changed/policy-changed.resolver.js';
import { PolicyCoordinatesService } from './policy-coordinates.service.js';
import { PolicyTimelines } from './policy-timelines.service.js';
import { GetCountryStatusHandler } from './queries/get-country-status/get-country-status.handler.js';
import { GetCountryStatusResolver } from './queries/get-country-status/get-country-status.resolver.js';
import { GetPolicyDiffHandler } from './queries/get-policy-diff/get-policy-diff.handler.js';
import { GetPolicyDiffResolver } from './queries/get-policy-diff/get-policy-diff.resolver.js';
import { GetPolicyHistoryHandler } from './queries/get-policy-history/get-policy-history.handler.js';
import { GetPolicyHistoryResolver } from './queries/get-policy-history/get-policy-history.resolver.js';
import { GetPolicyHandler } from './queries/get-policy/get-policy.handler.js';
import { GetPolicyResolver } from './queries/get-policy/get-policy.resolver.js';

/** Policy queries and the policy timeline projection. Needs EVENT_STORE, Clock and LiveFeed from the app. */
@Module({
  imports: [CqrsModule],
  providers: [
    PolicyTimelines,
    PolicyCoordinatesService,
    ImportPolicyDocumentsHandler,
    GetPolicyHandler,
    GetPolicyResolver,
    GetCountryStatusHandler,
    GetCountryStatusResolver,
    GetPolicyHistoryHandler,
    GetPolicyHistoryResolver,
    GetPolicyDiffHandler,
    GetPolicyDiffResolver,
    PolicyChangedResolver,
  ],
  exports: [PolicyTimelines, PolicyCoordinatesService],
})
export class PolicyModule {}
