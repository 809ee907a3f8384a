import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { diffResults, replayCauses, type PolicyCoordinates } from '#domain';
import { PolicyCoordinatesService } from '#policy';
import { DeterminationEvaluator } from '../determination-evaluator.service.js';
import { toDetermination } from '../determination-record.js';
import { DeterminationRecords } from '../determination-records.service.js';
import type { ReplayType } from '../graphql/replay.type.js';
import { ReplayDetermination } from './replay-determination.query.js';

/**
 * Re-evaluates the stored input with the ledger figures it was decided on. Other coordinates
 * default to the original valid time and today's knowledge.
 */
@QueryHandler(ReplayDetermination)
export class ReplayDeterminationHandler implements IQueryHandler<ReplayDetermination> {
  constructor(
    private readonly records: DeterminationRecords,
    private readonly coordinates: PolicyCoordinatesService,
    private readonly evaluator: DeterminationEvaluator,
  ) {}

  async execute({ id, at }: ReplayDetermination): Promise<ReplayType> {
    const { data, position } = await this.records.get(id);
    const original: PolicyCoordinates = data.coordinates;
    const resolved = this.coordinates.resolve(data.policyId, at ? { ...at, validAt: at.validAt ?? original.validAt } : undefined);
    const target = at ? resolved.coordinates : original;
    const replayed = this.evaluator.evaluate(data.input, resolved.timeline, target, data.ledger);
    const differences = diffResults(data.result, replayed);
    return {
      original: toDetermination(data, position),
      replayed,
      changed: differences.length > 0,
      sameState: replayed.policyVersion.stateHash === data.result.policyVersion.stateHash,
      differences,
      causes: replayCauses(resolved.timeline, { coordinates: original, result: data.result }, { coordinates: target, result: replayed }),
    };
  }
}
