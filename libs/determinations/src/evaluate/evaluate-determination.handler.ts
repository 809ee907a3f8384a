import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PolicyCoordinatesService } from '#policy';
import { DeterminationEvaluator } from '../determination-evaluator.service.js';
import type { DeterminationResultType } from '../graphql/determination-result.type.js';
import { validateInputArgument } from '../input-argument.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { EvaluateDetermination } from './evaluate-determination.query.js';

@QueryHandler(EvaluateDetermination)
export class EvaluateDeterminationHandler implements IQueryHandler<EvaluateDetermination> {
  constructor(
    private readonly coordinates: PolicyCoordinatesService,
    private readonly evaluator: DeterminationEvaluator,
    private readonly ledger: LedgerService,
  ) {}

  async execute({ input, policyId, at }: EvaluateDetermination): Promise<DeterminationResultType> {
    validateInputArgument(input);
    const { timeline, coordinates } = this.coordinates.resolve(policyId, at);
    const year = new Date(coordinates.validAt).getUTCFullYear();
    const ledgers = this.evaluator.cappedLedgers(timeline, coordinates);
    const reading = await this.ledger.read(ledgers, input.consignee.id, year);
    return this.evaluator.evaluate(input, timeline, coordinates, reading.figures);
  }
}
