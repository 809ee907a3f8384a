import { cappedLedgers, evolveIssuance, initialIssuanceState, ledgerStream, ledgerYear, type IssuanceEvent, type PolicyVersion } from '#domain';
import { readStream, type EventStore } from '#event-store';

/**
 * The year-to-date figures of the capped ledgers a policy version draws from, for a consignee and
 * the calendar year of `validAt`, folded as the issuance decider folds them: what `evaluate` shows.
 */
export async function ledgerFigures(store: EventStore, version: PolicyVersion, consigneeId: string): Promise<Record<string, number>> {
  const ledgers = cappedLedgers(version.state);
  const year = ledgerYear(version.validAt);
  const reads = await Promise.all(ledgers.map((ledger) => readStream<IssuanceEvent>(store, ledgerStream(ledger, consigneeId, year))));
  const state = reads.flatMap((read) => read.events).reduce(evolveIssuance, initialIssuanceState());
  return Object.fromEntries(ledgers.map((ledger) => [ledger, state.drawn[ledger] ?? 0]));
}
