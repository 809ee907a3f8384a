import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, EVENT_STORE, eventMetadata, stableId } from '#api-kit';
import { DomainError } from '#domain';
import { ConcurrencyError, type EventStore } from '#event-store';
import { PolicyCoordinatesService } from '#policy';
import { DeterminationEvaluator } from '../determination-evaluator.service.js';
import { determinationStream, toDetermination } from '../determination-record.js';
import { DeterminationRecords } from '../determination-records.service.js';
import type { DeterminationType } from '../graphql/determination.type.js';
import { validateInputArgument } from '../input-argument.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { allocationDrawnEvent, determinationIssuedData, determinationIssuedEvent } from './determination-issued-data.js';
import { IssueDetermination } from './issue-determination.command.js';

const MAX_ATTEMPTS = 200;

/**
 * Evaluates at (validAt, now), draws on capped exceptions with the ledger revision it read, and
 * records the determination. A concurrent draw on the same ledger makes the draw fail; then the
 * whole decision is taken again on the new figures, so together draws never pass the cap.
 */
@CommandHandler(IssueDetermination)
export class IssueDeterminationHandler implements ICommandHandler<IssueDetermination> {
  private readonly logger = new Logger(IssueDeterminationHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly coordinates: PolicyCoordinatesService,
    private readonly evaluator: DeterminationEvaluator,
    private readonly ledger: LedgerService,
    private readonly records: DeterminationRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ input, actor, options }: IssueDetermination): Promise<DeterminationType> {
    validateInputArgument(input);
    const id = options.commandId ? stableId('determination', actor.id, options.commandId) : randomUUID();
    const commandId = options.commandId ?? id;
    const existing = options.commandId ? await this.records.find(id) : null;
    if (existing) return toDetermination(existing.data, existing.position);

    const metadata = eventMetadata(actor, { commandId });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { policyId, timeline, coordinates } = this.coordinates.resolve(options.policyId, { validAt: options.validAt });
      const year = new Date(coordinates.validAt).getUTCFullYear();
      const reading = await this.ledger.read(this.evaluator.cappedLedgers(timeline, coordinates), input.consignee.id, year, id);
      // An earlier attempt of this command (on this node or another) drew but did not record the
      // determination: decide on the figures it decided on, and do not draw again.
      const drawnBefore = reading.drawnBefore ?? {};
      const retried = Object.keys(drawnBefore).length > 0;
      for (const [ledger, draw] of Object.entries(drawnBefore)) reading.figures[ledger] = draw.usedBefore;
      const result = this.evaluator.evaluate(input, timeline, coordinates, reading.figures);
      try {
        await this.ledger.draw(
          result.ledgerDraws.filter((draw) => drawnBefore[draw.ledger] === undefined),
          {
            determinationId: id,
            consigneeId: input.consignee.id,
            year,
            reading,
            event: (data) => allocationDrawnEvent(data, metadata),
          },
        );
      } catch (error) {
        if (error instanceof ConcurrencyError) continue;
        throw error;
      }
      const issued = determinationIssuedData({
        determinationId: id,
        policyId,
        input,
        coordinates,
        ledger: reading.figures,
        result,
        issuedAt: this.clock.now(),
        issuedBy: actor.id,
      });
      const written = await this.store.append(determinationStream(id), [determinationIssuedEvent(issued, metadata)], 'no_stream');
      // A retry may meet the earlier attempt's record (the append is then a no-op): answer with what is stored.
      const stored = retried ? await this.records.find(id) : null;
      return stored ? toDetermination(stored.data, stored.position) : toDetermination(issued, written.position);
    }
    this.logger.warn(`determination ${id}: ledger contention after ${MAX_ATTEMPTS} attempts`);
    throw new DomainError('CONFLICT', 'The consignee ledger is changing too fast to draw on; retry the command with the same commandId.', { retryable: true });
  }
}
