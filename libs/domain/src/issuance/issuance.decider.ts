import { canonicalJson } from '../policy/canonical-json.js';
import { evaluateDetermination } from '../determination/evaluate-determination.js';
import type { LedgerDraw } from '../determination/determination-result.js';
import { instantMs } from '../time/instant.js';
import type { IssuanceCommand, IssueDetermination } from './issuance.commands.js';
import { commandIdReused } from '../errors/command-id-reused.js';
import { ALLOCATION_DRAWN, DETERMINATION_ISSUED, type AllocationDrawn, type DeterminationIssued, type IssuanceEvent } from './issuance.events.js';
import { evolveIssuance, initialIssuanceState, ledgerYear, type IssuanceState } from './issuance.state.js';

/**
 * Issuing a determination (docs/adr/019-deciders-and-handle-command.md): decide on the ledger
 * figures folded from the consignee's ledger streams, draw what the capped exceptions relied on,
 * record the determination. Draws are recorded before the determination, so a crash between the
 * two leaves a draw too many (the ledger over-counts, the safe direction), which a retry finds:
 * it decides on the figures that draw was made on and does not draw again. A determination
 * already recorded under the id ends the command: the same request gets it back, another request
 * is refused (the commandId was reused).
 * @throws DomainError CONFLICT (reason COMMAND_ID_REUSED); InvalidInputError for a bad input
 */
export function decideIssuance(command: IssuanceCommand, state: IssuanceState): IssuanceEvent[] {
  const { data } = command;
  if (state.issued !== null) {
    const differs = requestDifferences(state.issued, data);
    if (differs.length > 0) throw commandIdReused('determination', data.determinationId, differs);
    return [];
  }
  const drawnBefore = earlierDraws(state, data.determinationId);
  const figures: Record<string, number> = {};
  for (const ledger of data.ledgers) figures[ledger] = drawnBefore.get(ledger)?.usedBefore ?? state.drawn[ledger] ?? 0;
  const result = evaluateDetermination(data.input, data.version, { ledger: figures, compiled: data.compiled });
  const year = ledgerYear(data.coordinates.validAt);
  const draws: IssuanceEvent[] = perLedger(result.ledgerDraws)
    .filter((draw) => !drawnBefore.has(draw.ledger))
    .map((draw) => ({
      type: ALLOCATION_DRAWN,
      data: {
        determinationId: data.determinationId,
        ledger: draw.ledger,
        consigneeId: data.input.consignee.id,
        year,
        amount: draw.amount,
        usedBefore: draw.usedBefore,
        cap: draw.cap,
      },
    }));
  const issued: DeterminationIssued = {
    determinationId: data.determinationId,
    policyId: data.policyId,
    input: data.input,
    coordinates: {
      validAt: data.coordinates.validAt,
      knownAt: data.coordinates.knownAt,
      knownPosition: result.policyVersion.knownPosition,
      publishedBy: null,
    },
    ledger: figures,
    result,
    issuedAt: data.issuedAt,
    issuedBy: data.issuedBy,
    ...(data.input.reference ? { reference: data.input.reference } : {}),
    request: data.request,
  };
  return [...draws, { type: DETERMINATION_ISSUED, data: issued }];
}

/**
 * What a retry asked differently from the recorded request: the input, the export date asked for,
 * the policy. A determination recorded before requests were kept says only what was decided, so
 * a retry that names no validAt or policyId is taken at its word there.
 */
function requestDifferences(issued: DeterminationIssued, retry: IssueDetermination['data']): string[] {
  const differs: string[] = [];
  if (canonicalJson(issued.input) !== canonicalJson(retry.input)) differs.push('input');
  const asked = issued.request;
  const validAt = asked !== null ? asked.validAt : retry.request.validAt === null ? null : issued.coordinates.validAt;
  if (!sameInstant(validAt, retry.request.validAt)) differs.push('validAt');
  const policyId = asked !== null ? asked.policyId : retry.request.policyId === null ? null : issued.policyId;
  if (policyId !== retry.request.policyId) differs.push('policyId');
  return differs;
}

function sameInstant(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : instantMs(a) === instantMs(b);
}

/** Draws an earlier attempt of this command recorded, by ledger. */
function earlierDraws(state: IssuanceState, determinationId: string): Map<string, AllocationDrawn> {
  const own = new Map<string, AllocationDrawn>();
  for (let link = state.draws; link !== null; link = link.earlier) {
    if (link.draw.determinationId === determinationId) own.set(link.draw.ledger, link.draw);
  }
  return own;
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

/** Issuing a determination as one value: what handleCommand and a DeciderSpecification run. */
export const issuanceDecider = { decide: decideIssuance, evolve: evolveIssuance, initialState: initialIssuanceState };
