import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PolicyModule } from '#policy';
import { AmendmentImpactResolver } from './amendment-impact/amendment-impact.resolver.js';
import { AmendmentTestRunResolver } from './amendment-test-run/amendment-test-run.resolver.js';
import { DeterminationEvaluator } from './determination-evaluator.service.js';
import { DeterminationIssuedResolver } from './determination-issued/determination-issued.resolver.js';
import { DeterminationRecords } from './determination-records.service.js';
import { EvaluateDeterminationHandler } from './evaluate/evaluate-determination.handler.js';
import { EvaluateDeterminationResolver } from './evaluate/evaluate-determination.resolver.js';
import { GetDeterminationResolver } from './get-determination/get-determination.resolver.js';
import { IssueDeterminationHandler } from './issue-determination/issue-determination.handler.js';
import { IssueDeterminationResolver } from './issue-determination/issue-determination.resolver.js';
import { ListDeterminationsResolver } from './list-determinations/list-determinations.resolver.js';
import { ReplayDeterminationHandler } from './replay-determination/replay-determination.handler.js';
import { ReplayDeterminationResolver } from './replay-determination/replay-determination.resolver.js';
import { DeterminationResultTypedFieldsResolver, DeterminationTypedFieldsResolver } from './typed-fields/result-typed-fields.resolver.js';

/** Evaluate, issue, look up, list and replay determinations; the ledger and the read model. */
@Module({
  imports: [CqrsModule, PolicyModule],
  providers: [
    DeterminationEvaluator,
    DeterminationRecords,
    EvaluateDeterminationHandler,
    EvaluateDeterminationResolver,
    IssueDeterminationHandler,
    IssueDeterminationResolver,
    GetDeterminationResolver,
    ListDeterminationsResolver,
    ReplayDeterminationHandler,
    ReplayDeterminationResolver,
    DeterminationIssuedResolver,
    AmendmentImpactResolver,
    AmendmentTestRunResolver,
    DeterminationResultTypedFieldsResolver,
    DeterminationTypedFieldsResolver,
  ],
  exports: [DeterminationEvaluator, DeterminationRecords],
})
export class DeterminationsModule {}
