import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, EVENT_STORE, eventMetadata, stableId } from '#api-kit';
import { cappedLedgers, DomainError } from '#domain';
import { ConcurrencyError, type EventStore } from '#event-store';
import { PolicyCoordinatesService } from '#policy';
import { DeterminationEvaluator } from '../determination-evaluator.service.js';
import { toDetermination } from '../determination-record.js';
import type { DeterminationType } from '../graphql/determination.type.js';
import { validateInputArgument } from '../input-argument.js';
import { IssueDetermination } from './issue-determination.command.js';
import { MAX_ATTEMPTS, recordDetermination } from './record-determination.js';

/** Translates the mutation into the issuance decider's command at (validAt, now) and records it (recordDetermination). */
@CommandHandler(IssueDetermination)
export class IssueDeterminationHandler implements ICommandHandler<IssueDetermination> {
  private readonly logger = new Logger(IssueDeterminationHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly coordinates: PolicyCoordinatesService,
    private readonly evaluator: DeterminationEvaluator,
    private readonly clock: Clock,
  ) {}

  async execute({ input, actor, options }: IssueDetermination): Promise<DeterminationType> {
    validateInputArgument(input);
    const determinationId = options.commandId ? stableId('determination', actor.id, options.commandId) : randomUUID();
    const { policyId, timeline, coordinates } = this.coordinates.resolve(options.policyId, { validAt: options.validAt });
    const version = timeline.stateAt(coordinates);
    const command = {
      type: 'IssueDetermination' as const,
      data: {
        determinationId,
        policyId,
        request: { policyId: options.policyId ?? null, validAt: options.validAt ?? null },
        input,
        coordinates: { validAt: coordinates.validAt, knownAt: coordinates.knownAt },
        version,
        compiled: this.evaluator.compiledFor(version),
        ledgers: cappedLedgers(version.state),
        issuedAt: this.clock.now(),
        issuedBy: actor.id,
      },
    };
    try {
      const metadata = eventMetadata(actor, { commandId: options.commandId ?? determinationId });
      const { issued, position } = await recordDetermination(this.store, command, metadata, { newId: options.commandId === undefined });
      return toDetermination(issued, position);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      this.logger.warn(`determination ${determinationId}: ledger contention after ${MAX_ATTEMPTS} attempts`);
      throw new DomainError('CONFLICT', 'The consignee ledger is changing too fast to draw on; retry the command with the same commandId.', {
        retryable: true,
      });
    }
  }
}
