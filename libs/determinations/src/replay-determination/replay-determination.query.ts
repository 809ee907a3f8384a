import { Query } from '@nestjs/cqrs';
import type { PolicyCoordinatesInput } from '#policy';
import type { ReplayType } from '../graphql/replay.type.js';

/** Without coordinates: the original ones, which must reproduce the original exactly. */
export class ReplayDetermination extends Query<ReplayType> {
  constructor(
    readonly id: string,
    readonly at: PolicyCoordinatesInput | undefined,
  ) {
    super();
  }
}
