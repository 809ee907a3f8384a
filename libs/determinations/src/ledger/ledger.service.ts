import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '#api-kit';
import type { LedgerDraw } from '#domain';
import type { EventStore, ExpectedRevision, NewEvent } from '#event-store';

export const ALLOCATION_DRAWN = 'AllocationDrawn';

export interface AllocationDrawn {
  determinationId: string;
  ledger: string;
  consigneeId: string;
  year: number;
  amount: number;
  usedBefore: number;
  cap: number;
}

/** Year-to-date figures of each ledger, with the revision they were read at (the draw's expectation). */
export interface LedgerReading {
  figures: Record<string, number>;
  revisions: Record<string, ExpectedRevision>;
  /** Draws already recorded for the determination being issued (an earlier attempt of the same command), by ledger. */
  drawnBefore?: Record<string, AllocationDrawn>;
}

export const LEDGER_STREAM_PREFIX = 'ledger-';

/** One stream per ledger, consignee and calendar year (DOMAIN.md "Ledger stream"). */
export function ledgerStream(ledger: string, consigneeId: string, year: number): string {
  return `${LEDGER_STREAM_PREFIX}${ledger}-${encodeURIComponent(consigneeId)}-${year}`;
}

@Injectable()
export class LedgerService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(ledgers: readonly string[], consigneeId: string, year: number, determinationId?: string): Promise<LedgerReading> {
    const reading: LedgerReading = { figures: {}, revisions: {} };
    const drawnBefore: Record<string, AllocationDrawn> = {};
    for (const ledger of ledgers) {
      const events = await this.store.readStream(ledgerStream(ledger, consigneeId, year));
      reading.figures[ledger] = events.reduce((sum, event) => sum + (event.data as AllocationDrawn).amount, 0);
      reading.revisions[ledger] = events.length === 0 ? 'no_stream' : events[events.length - 1].revision;
      const own = events.find((event) => (event.data as AllocationDrawn).determinationId === determinationId);
      if (determinationId !== undefined && own) drawnBefore[ledger] = own.data as AllocationDrawn;
    }
    return Object.keys(drawnBefore).length > 0 ? { ...reading, drawnBefore } : reading;
  }

  /** Appends the draws with the revisions read: a concurrent draw makes this throw ConcurrencyError. */
  async draw(
    draws: readonly LedgerDraw[],
    context: { determinationId: string; consigneeId: string; year: number; reading: LedgerReading; event: (draw: AllocationDrawn) => NewEvent },
  ): Promise<void> {
    for (const draw of perLedger(draws)) {
      const data: AllocationDrawn = {
        determinationId: context.determinationId,
        ledger: draw.ledger,
        consigneeId: context.consigneeId,
        year: context.year,
        amount: draw.amount,
        usedBefore: draw.usedBefore,
        cap: draw.cap,
      };
      await this.store.append(
        ledgerStream(draw.ledger, context.consigneeId, context.year),
        [context.event(data)],
        context.reading.revisions[draw.ledger] ?? 'no_stream',
      );
    }
  }
}

/** One draw per ledger: items of one determination drawing on the same ledger are recorded as one sum. */
function perLedger(draws: readonly LedgerDraw[]): LedgerDraw[] {
  const byLedger = new Map<string, LedgerDraw>();
  for (const draw of draws) {
    const earlier = byLedger.get(draw.ledger);
    byLedger.set(draw.ledger, earlier ? { ...earlier, amount: earlier.amount + draw.amount } : draw);
  }
  return [...byLedger.values()];
}
