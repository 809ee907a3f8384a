import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '#api-kit';
import type { EventStore } from '#event-store';
import { PolicyCoordinatesService } from '#policy';
import { DeterminationEvaluator } from '../determination-evaluator.service.js';
import type { DeterminationResultType } from '../graphql/determination-result.type.js';
import { validateInputArgument } from '../input-argument.js';
import { ledgerFigures } from '../ledger/ledger-figures.js';
import { decideInTurns } from './decide-in-turns.js';
import { EvaluateDetermination } from './evaluate-determination.query.js';

@QueryHandler(EvaluateDetermination)
export class EvaluateDeterminationHandler implements IQueryHandler<EvaluateDetermination> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly coordinates: PolicyCoordinatesService,
    private readonly evaluator: DeterminationEvaluator,
  ) {}

  async execute({ input, policyId, at, signal }: EvaluateDetermination): Promise<DeterminationResultType> {
    validateInputArgument(input);
    const { timeline, coordinates } = this.coordinates.resolve(policyId, at);
    const figures = await ledgerFigures(this.store, timeline.stateAt(coordinates), input.consignee.id);
    const run = this.evaluator.start(input, timeline, coordinates, figures);
    await decideInTurns(run, signal);
    return run.result();
  }
}
