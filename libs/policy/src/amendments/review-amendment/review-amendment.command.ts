import { Command } from '@nestjs/cqrs';
import type { Actor } from '#domain';
import type { AmendmentType } from '../graphql/amendment.type.js';

/** The transitions that carry no content: submit, approve, reject, withdraw. */
export type ReviewStep =
  | { type: 'SubmitAmendment' }
  | { type: 'ApproveAmendment'; comment?: string }
  | { type: 'RejectAmendment'; reason: string }
  | { type: 'WithdrawAmendment'; reason: string };

export class ReviewAmendmentCommand extends Command<AmendmentType> {
  constructor(
    readonly amendmentId: string,
    readonly step: ReviewStep,
    readonly actor: Actor,
  ) {
    super();
  }
}
