import { InvalidInputError } from '../errors/domain-error.js';
import type { DeterminationInput } from './determination-input.js';
import { validateDeterminationInput } from './validate-input.js';

const valid = (): DeterminationInput => ({
  destination: 'IN',
  consignee: { id: 'acme', country: 'IN', headquarters: 'US', ultimateParent: 'US' },
  items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, quantity: 8 }],
});

function pathOfError(mutate: (input: DeterminationInput & Record<string, unknown>) => void): string {
  const input = valid() as DeterminationInput & Record<string, unknown>;
  mutate(input);
  try {
    validateDeterminationInput(input);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.path;
    throw error;
  }
  return 'valid';
}

describe('validateDeterminationInput', () => {
  describe('given a complete, well-formed input', () => {
    it('when validated then it passes, with nulls for omitted optional fields', () => {
      expect(pathOfError(() => undefined)).toBe('valid');
      expect(pathOfError((i) => Object.assign(i.items[0]!, { eccn: null, quantity: null }))).toBe('valid');
    });
  });

  describe('given a faulty field', () => {
    const items = (count: number) => Array.from({ length: count }, () => ({ kind: 'MODEL_WEIGHTS' as const }));
    it.each<[string, (i: DeterminationInput) => void]>([
      ['destination', (i) => (i.destination = 'XX')],
      ['destination', (i) => (i.destination = 'in')],
      ['consignee.country', (i) => (i.consignee.country = 'USA')],
      ['consignee.headquarters', (i) => (i.consignee.headquarters = '')],
      ['consignee.ultimateParent', (i) => (i.consignee.ultimateParent = 'ZZ')],
      ['consignee.id', (i) => (i.consignee.id = '')],
      ['consignee.name', (i) => (i.consignee.name = 'x'.repeat(201))],
      ['items', (i) => (i.items = [])],
      ['items', (i) => (i.items = items(1001))],
      ['items.2.quantity', (i) => (i.items = [...items(2), { kind: 'COMPUTER', quantity: 1.5 }])],
      ['items.0.quantity', (i) => (i.items[0]!.quantity = -1)],
      ['items.0.tpp', (i) => (i.items[0]!.tpp = -0.5)],
      ['items.0.tpp', (i) => (i.items[0]!.tpp = Number.POSITIVE_INFINITY)],
      ['items.0.performanceDensity', (i) => (i.items[0]!.performanceDensity = Number.NaN)],
      ['items.0.trainingOperations', (i) => Object.assign(i.items[0]!, { trainingOperations: '1e26' })],
      ['items.0.kind', (i) => Object.assign(i.items[0]!, { kind: 'GPU' })],
      ['items.0.openWeights', (i) => Object.assign(i.items[0]!, { openWeights: 'yes' })],
      ['items.0.eccn', (i) => (i.items[0]!.eccn = '')],
      ['endUse', (i) => (i.endUse = 'x'.repeat(2001))],
      ['transaction', (i) => Object.assign(i, { transaction: 'IMPORT' })],
      ['items.0.designedForDatacenter', (i) => Object.assign(i.items[0]!, { designedForDatacenter: 'no' })],
      ['items.0.memoryBandwidth', (i) => (i.items[0]!.memoryBandwidth = -1)],
      ['consignee.majorityOwnedFromD5OrMacau', (i) => Object.assign(i.consignee, { majorityOwnedFromD5OrMacau: 1 })],
    ])('when %s is wrong then the error names that path', (path, mutate) => {
      expect(pathOfError(mutate)).toBe(path);
    });
  });

  describe('given the largest input allowed', () => {
    it('when it holds 1000 items then it passes', () => {
      expect(pathOfError((i) => (i.items = Array.from({ length: 1000 }, () => ({ kind: 'COMPUTER' as const }))))).toBe('valid');
    });
  });

  describe('given a field the input types do not have', () => {
    function messageOf(input: unknown): string {
      try {
        validateDeterminationInput(input as DeterminationInput);
      } catch (error) {
        if (error instanceof InvalidInputError) return `${error.path}: ${error.message}`;
        throw error;
      }
      return 'valid';
    }

    it('when a field is misspelt then it is refused with its path and the field it most likely means', () => {
      const { destination, ...rest } = valid();
      expect(messageOf({ ...rest, destinaton: destination })).toBe('destinaton: destinaton is not a field of DeterminationInput; did you mean destination?');
      expect(messageOf({ ...valid(), consignee: { ...valid().consignee, headquarter: 'US' } })).toBe(
        'consignee.headquarter: consignee.headquarter is not a field of ConsigneeInput; did you mean headquarters?',
      );
      expect(messageOf({ ...valid(), items: [{ kind: 'COMPUTER', tpps: 1 }] })).toBe(
        'items.0.tpps: items.0.tpps is not a field of ItemInput; did you mean tpp?',
      );
      expect(messageOf({ ...valid(), items: [{ kind: 'COMPUTER', designedForDataCenter: false }] })).toBe(
        'items.0.designedForDataCenter: items.0.designedForDataCenter is not a field of ItemInput; did you mean designedForDatacenter?',
      );
    });

    it('when nothing is close then it is refused without a suggestion', () => {
      expect(messageOf({ ...valid(), shipDate: '2025-06-01' })).toBe('shipDate: shipDate is not a field of DeterminationInput');
    });

    it('when every new fact is given in its type then the input passes', () => {
      const input = valid();
      input.transaction = 'REEXPORT';
      input.consignee.majorityOwnedFromD5OrMacau = false;
      Object.assign(input.items[0]!, { designedForDatacenter: false, memoryBandwidth: 4800 });
      expect(messageOf(input)).toBe('valid');
    });
  });
});
