import { Query } from '@nestjs/cqrs';
import type { DeterminationInput } from '#domain';
import type { PolicyCoordinatesInput } from '#policy';
import type { DeterminationResultType } from '../graphql/determination-result.type.js';

/**
 * A dry run: decides at the coordinates and records nothing. `signal`, the request's work
 * (WorkContext): a large evaluation stops between its slices once it is aborted.
 */
export class EvaluateDetermination extends Query<DeterminationResultType> {
  constructor(
    readonly input: DeterminationInput,
    readonly policyId: string | undefined,
    readonly at: PolicyCoordinatesInput | undefined,
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
