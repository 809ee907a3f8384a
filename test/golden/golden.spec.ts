import { evaluateGoldenCase, goldenMismatches, loadGoldenCases, loadGoldenPolicy } from './golden-cases.js';

const cases = loadGoldenCases();
const policy = loadGoldenPolicy();

describe('golden determinations (test/golden/determinations.yaml)', () => {
  it('has at least 130 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(130);
  });

  it.each(cases.map((golden) => [golden.name, golden] as const))('%s', (_name, golden) => {
    const result = evaluateGoldenCase(golden, policy);
    expect(goldenMismatches(golden, result)).toEqual([]);
    // A condition that fails at run time fails closed silently; the policy files must never do that.
    expect(result.trace.filter((entry) => entry.note?.includes('could not be evaluated'))).toEqual([]);
  });
});

describe('golden determinations are deterministic', () => {
  it('gives byte-identical JSON and the same state hash from two independently built timelines', () => {
    const again = loadGoldenPolicy();
    for (const golden of cases) {
      const coordinates = { validAt: golden.validAt, knownAt: golden.knownAt ?? policy.knownAt, publishedBy: golden.publishedBy ?? null };
      expect({ case: golden.name, hash: again.timeline.stateAt(coordinates).stateHash }).toEqual({
        case: golden.name,
        hash: policy.timeline.stateAt(coordinates).stateHash,
      });
      const first = JSON.stringify(evaluateGoldenCase(golden, policy));
      const second = JSON.stringify(evaluateGoldenCase(golden, policy));
      const rebuilt = evaluateGoldenCase(golden, again);
      expect({ case: golden.name, json: second }).toEqual({ case: golden.name, json: first });
      expect({ case: golden.name, json: JSON.stringify(rebuilt) }).toEqual({ case: golden.name, json: first });
    }
  });
});

describe('the policy files at every effective date', () => {
  it('evaluate every golden input without a condition failing at run time', () => {
    const effectiveDates = [...new Set(policy.timeline.events.map((recorded) => recorded.event.data.effectiveAt))].sort();
    const failures: string[] = [];
    for (const validAt of effectiveDates) {
      for (const golden of cases) {
        const result = evaluateGoldenCase({ ...golden, validAt, knownAt: undefined, publishedBy: undefined }, policy);
        for (const entry of result.trace) {
          if (entry.note?.includes('could not be evaluated')) failures.push(`${validAt} ${golden.name}: ${entry.ruleId}: ${entry.note}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
