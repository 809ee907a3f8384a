import { PolicyInvalidError } from '../errors/domain-error.js';
import { fixtureVersion } from './policy-fixture.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import { compilePolicy } from './compile-policy.js';
import { CompiledPolicyCache } from './compiled-policy-cache.js';
import { ConditionInvalidError } from '../rules/condition-error.js';

const base = { regime: 'AID', citation: 'c', explanation: 'e', condition: 'true' };
const rule = (id: string, kind: RuleDefinition['kind'], extra: Partial<RuleDefinition> = {}): RuleDefinition => ({
  ...base,
  id,
  kind,
  ...(kind === 'classification' ? { eccn: '3A090.a' } : {}),
  ...(kind === 'exception' ? { code: 'X', covers: ['req'] } : {}),
  ...extra,
});

describe('compilePolicy', () => {
  describe('given rules of every kind in no particular order', () => {
    it('when compiled then they are grouped by kind and sorted by priority, then id', () => {
      const version = fixtureVersion({
        regimes: { AID: {} },
        rules: [
          rule('req-b', 'requirement'),
          rule('cls-late', 'classification'),
          rule('exc-a', 'exception'),
          rule('cls-z', 'classification', { priority: 1 }),
          rule('req-a', 'requirement'),
          rule('cls-a', 'classification', { priority: 2 }),
        ],
        parameters: { 'lpp.cap.tpp': 26_900_000 },
      });
      const compiled = compilePolicy(version.state);
      expect(compiled.classification.map((c) => c.rule.id)).toEqual(['cls-z', 'cls-a', 'cls-late']);
      expect(compiled.requirement.map((c) => c.rule.id)).toEqual(['req-a', 'req-b']);
      expect(compiled.exception.map((c) => c.rule.id)).toEqual(['exc-a']);
      expect(compiled.params['lpp.cap.tpp']).toBe(26_900_000);
      expect(new Set([...compiled.classification, ...compiled.requirement, ...compiled.exception].map((c) => c.slot)).size).toBe(6);
    });
  });

  describe('given regimes in force, rescinded and never enacted', () => {
    it('when compiled then only rules of live regimes are live, and the others say why', () => {
      const version = fixtureVersion({
        regimes: { AID: { legalStatus: 'RESCINDED' }, ACS: { legalStatus: 'REINSTATED' } },
        rules: [rule('r-aid', 'requirement'), rule('r-acs', 'requirement', { regime: 'ACS' }), rule('r-new', 'requirement', { regime: 'NEW' })],
      });
      const notLive = Object.fromEntries(compilePolicy(version.state).requirement.map((c) => [c.rule.id, c.notLive]));
      expect(notLive['r-acs']).toBeNull();
      expect(notLive['r-aid']).toBe('not applied: regime AID rescinded from 2025-01-13T00:00:00.000Z (90 FR 4544)');
      expect(notLive['r-new']).toBe('not applied: regime NEW is not in force (not enacted at this valid time)');
    });
  });

  describe('given a rule whose condition does not compile', () => {
    it('when compiled then the error names the rule and the position', () => {
      const version = fixtureVersion({ rules: [rule('ok', 'requirement'), rule('bad', 'requirement', { condition: 'item.tpp > 1.0 && item.foo' })] });
      expect(() => compilePolicy(version.state)).toThrow(ConditionInvalidError);
      expect(() => compilePolicy(version.state)).toThrow(/^rule bad: condition invalid at line 1, column 24: references unknown facts/);
    });
  });

  describe('given rules missing what their kind needs', () => {
    it.each([
      ['a classification without eccn', rule('c', 'classification', { eccn: undefined }), 'eccn'],
      ['an exception without code', rule('x', 'exception', { code: undefined }), 'code'],
      ['an exception covering nothing', rule('x', 'exception', { covers: [] }), 'covers'],
    ])('when %s is compiled then POLICY_INVALID names the field', (_, bad, field) => {
      const version = fixtureVersion({ rules: [bad] });
      expect(() => compilePolicy(version.state)).toThrow(PolicyInvalidError);
      try {
        compilePolicy(version.state);
      } catch (error) {
        expect((error as PolicyInvalidError).location).toEqual({ ruleId: bad.id, field });
      }
    });
  });
});

describe('CompiledPolicyCache', () => {
  const version = (stateHash: string) => ({ ...fixtureVersion({ rules: [rule('r', 'requirement')] }), stateHash });

  describe('given a state hash seen before', () => {
    it('when asked again then the same compilation is returned', () => {
      const cache = new CompiledPolicyCache(2);
      const first = cache.compiledFor(version('h1'));
      expect(cache.compiledFor(version('h1'))).toBe(first);
    });
  });

  describe('given more states than the capacity', () => {
    it('when a new state arrives then the least recently used one is evicted', () => {
      const cache = new CompiledPolicyCache(2);
      const h1 = cache.compiledFor(version('h1'));
      const h2 = cache.compiledFor(version('h2'));
      cache.compiledFor(version('h1'));
      cache.compiledFor(version('h3'));
      expect(cache.size).toBe(2);
      expect(cache.compiledFor(version('h1'))).toBe(h1);
      expect(cache.compiledFor(version('h2'))).not.toBe(h2);
    });
  });

  describe('given rules whose optional fields differ and come in different orders', () => {
    it('when compiled then every compiled rule has the same fields in the same order, with the source values', () => {
      const sources = [
        rule('cls', 'classification', { priority: 1 }),
        { reviewPolicy: 'CASE_BY_CASE' as const, ...rule('req', 'requirement') },
        rule('exc', 'exception', { cap: { ledger: 'l', parameter: 'p', measure: 'quantity' }, conditions: [{ code: 'C', description: 'd' }] }),
      ];
      const compiled = compilePolicy(fixtureVersion({ regimes: { AID: {} }, rules: sources, parameters: { p: 1 } }).state);
      const rules = [...compiled.classification, ...compiled.requirement, ...compiled.exception].map((c) => c.rule);
      expect(new Set(rules.map((each) => Object.keys(each).join(' '))).size).toBe(1);
      for (const source of sources) {
        const copy = rules.find((each) => each.id === source.id) as unknown as Record<string, unknown>;
        for (const [field, value] of Object.entries(source)) expect(copy[field]).toEqual(value);
      }
    });
  });
});
