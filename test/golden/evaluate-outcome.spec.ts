import { CompiledPolicyCache, evaluateDetermination, evaluateOutcome, evaluateOutcomes, type LedgerFigures } from '#domain';
import { loadGoldenCases, loadGoldenPolicy, type GoldenCase } from './golden-cases.js';

const cases = loadGoldenCases();
const policy = loadGoldenPolicy();

/** Year-to-date figures from none drawn to past any cap, so the capped exceptions are tried both ways. */
const LEDGERS: LedgerFigures[] = [{}, { LPP: 20_000_000 }, { LPP: 26_900_000 }, { LPP: 1e12 }];

/**
 * The outcome-only mode (evaluateOutcome, used by impact analysis) against the full engine, over
 * every golden input at its own coordinates and at every effective date of the policy files,
 * with several ledger figures. One compiled policy per state serves all inputs, as in impact
 * analysis, so whatever it remembers between determinations is exercised too.
 */
describe('evaluateOutcome over the golden table', () => {
  const compiled = new CompiledPolicyCache(256);
  const effectiveDates = [...new Set(policy.timeline.events.map((recorded) => recorded.event.data.effectiveAt))].sort();

  const versionOf = (golden: GoldenCase) =>
    policy.timeline.stateAt({ validAt: golden.validAt, knownAt: golden.knownAt ?? policy.knownAt, publishedBy: golden.publishedBy ?? null });

  const compare = (golden: GoldenCase, ledger: LedgerFigures): { case: string; full: string; outcomeOnly: string; paired: string } => {
    const version = versionOf(golden);
    const options = { ledger, compiled: compiled.compiledFor(version) };
    const full = evaluateDetermination(golden.input, version, options).outcome;
    return {
      case: `${golden.name} at ${golden.validAt} with ${JSON.stringify(ledger)}`,
      full,
      outcomeOnly: evaluateOutcome(golden.input, version, options),
      paired: evaluateOutcomes(golden.input, [{ version, compiled: options.compiled }], ledger)[0] as string,
    };
  };

  it('gives every case its expected outcome', () => {
    for (const golden of cases) {
      const outcome = evaluateOutcome(golden.input, versionOf(golden), { ledger: golden.ledger ?? {} });
      expect({ case: golden.name, outcome }).toEqual({ case: golden.name, outcome: golden.expect.outcome });
    }
  });

  it("gives the full engine's outcome for every input, effective date and ledger, alone and through evaluateOutcomes", () => {
    const differing: ReturnType<typeof compare>[] = [];
    let compared = 0;
    for (const validAt of effectiveDates) {
      for (const golden of cases) {
        for (const ledger of [golden.ledger ?? {}, ...LEDGERS]) {
          const result = compare({ ...golden, validAt, knownAt: undefined, publishedBy: undefined }, ledger);
          compared++;
          if (result.full !== result.outcomeOnly || result.full !== result.paired) differing.push(result);
        }
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });
});
