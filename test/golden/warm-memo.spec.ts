import { compilePolicy, CompiledPolicyCache, evaluateDetermination, evaluateOutcome, type DeterminationResult } from '#domain';
import { loadGoldenCases, loadGoldenPolicy, type GoldenCase } from './golden-cases.js';

const cases = loadGoldenCases();
const policy = loadGoldenPolicy();

/**
 * The full engine reads and fills the compiled policy's condition memo (ConditionTester). What it
 * remembers from earlier determinations must change nothing in a result: not the parameters read,
 * the caveats, the assumptions nor the trace. Every golden input at every effective date of the
 * policy files, decided on a compiled policy of its own (nothing remembered) and again on one
 * shared by all inputs after each was decided once, in full and outcome-only, in reverse order.
 */
describe('the full engine with a warm condition memo', () => {
  const effectiveDates = [...new Set(policy.timeline.events.map((recorded) => recorded.event.data.effectiveAt))].sort();
  const inputs = effectiveDates.flatMap((validAt) => cases.map((golden): GoldenCase => ({ ...golden, validAt, knownAt: undefined, publishedBy: undefined })));
  const versionOf = (golden: GoldenCase) =>
    policy.timeline.stateAt({ validAt: golden.validAt, knownAt: golden.knownAt ?? policy.knownAt, publishedBy: golden.publishedBy ?? null });

  it('gives every input the result it gets with nothing remembered, byte for byte', () => {
    const shared = new CompiledPolicyCache(256);
    const decide = (golden: GoldenCase, compiled = shared.compiledFor(versionOf(golden))): DeterminationResult =>
      evaluateDetermination(golden.input, versionOf(golden), { ledger: golden.ledger ?? {}, compiled });
    for (const golden of inputs) {
      decide(golden);
      evaluateOutcome(golden.input, versionOf(golden), { ledger: golden.ledger ?? {}, compiled: shared.compiledFor(versionOf(golden)) });
    }
    const differing: string[] = [];
    for (const golden of [...inputs].reverse()) {
      const cold = JSON.stringify(decide(golden, compilePolicy(versionOf(golden).state)));
      if (JSON.stringify(decide(golden)) !== cold) differing.push(`${golden.name} at ${golden.validAt}`);
    }
    expect(differing).toEqual([]);
    expect(inputs.length).toBeGreaterThan(1000);
  });
});
