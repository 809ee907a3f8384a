import { Query } from '@nestjs/cqrs';
import type { DeterminationInput } from '#domain';
import type { PolicyCoordinatesInput } from '#policy';
import type { DeterminationResultType } from '../graphql/determination-result.type.js';

/** A dry run: decides at the coordinates and records nothing. */
export class EvaluateDetermination extends Query<DeterminationResultType> {
  constructor(
    readonly input: DeterminationInput,
    readonly policyId: string | undefined,
    readonly at: PolicyCoordinatesInput | undefined,
  ) {
    super();
  }
}
