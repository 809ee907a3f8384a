import { readFileSync } from 'node:fs';
import { diffResults, evaluateDetermination, replayCauses, type DeterminationInput, type DeterminationResult, type PolicyCoordinates } from '#domain';
import { applicationEventSerializer } from '#event-store';
import { loadGoldenPolicy } from './golden-cases.js';

interface StoredDetermination {
  input: DeterminationInput;
  coordinates: Required<Pick<PolicyCoordinates, 'validAt' | 'knownAt' | 'knownPosition'>>;
  ledger: Record<string, number>;
  result: DeterminationResult;
}

const fixture = JSON.parse(readFileSync(new URL('../../libs/event-store/test-fixtures/determination-issued.v1.json', import.meta.url), 'utf8')) as {
  type: string;
  data: unknown;
};
const recorded = applicationEventSerializer().upcast(fixture.type, fixture.data, 1) as StoredDetermination;
const policy = loadGoldenPolicy();

/**
 * A determination recorded by engine 1 (the code tagged wave2-base) against the 13 policy files
 * of the first wave, read from its stored version-1 event and replayed by the current engine
 * over the current policy files, which add the corrections of 2026-12-02 after those 13.
 */
describe('a determination recorded by engine 1, before the corrections', () => {
  const original = { ...recorded.coordinates, publishedBy: null };

  it('replays at its original coordinates with the same outcome, grounds, facts and state hash', () => {
    const version = policy.timeline.stateAt(original);
    expect(version.stateHash).toBe(recorded.result.policyVersion.stateHash);
    const replayed = evaluateDetermination(recorded.input, version, { ledger: recorded.ledger });
    expect(recorded.result.engineVersion).toBe('1.0.0+cel-js.8.0.0');
    expect(diffResults(recorded.result, replayed)).toEqual([]);
  });

  it("names the correction of License Exception LPP (its yearly cap now a condition) as a cause at today's knowledge", () => {
    const today = { validAt: recorded.coordinates.validAt, knownAt: policy.knownAt, publishedBy: null };
    const replayed = evaluateDetermination(recorded.input, policy.timeline.stateAt(today), { ledger: recorded.ledger });
    expect(replayed.outcome).toBe(recorded.result.outcome);
    expect(diffResults(recorded.result, replayed).map(({ path }) => path)).toEqual(['conditions.0', 'items.0.conditions.0']);
    const causes = replayCauses(policy.timeline, { coordinates: original, result: recorded.result }, { coordinates: today, result: replayed });
    const lppCorrections = causes.filter(({ changeId }) => {
      const event = policy.timeline.change(changeId)?.event;
      return event?.type === 'RuleAmended' && event.data.rule.id === 'exc.lpp';
    });
    expect(lppCorrections.map(({ changeId }) => changeId)).toEqual(['2026-12-02-correction-2025-01-10-ai-diffusion#76']);
  });
});
