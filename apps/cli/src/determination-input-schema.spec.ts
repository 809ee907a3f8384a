import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { DETERMINATION_INPUT_FIELDS, InvalidInputError, validateDeterminationInput, type DeterminationInput } from '#domain';
import { loadGoldenCases } from '../../../test/golden/golden-cases.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'apps', 'cli', 'determination-input.schema.json'), 'utf8')) as {
  definitions: Record<string, { properties: Record<string, unknown> }>;
};
const validSchema = new Ajv({ allErrors: true }).compile(schema);

function domainAccepts(input: unknown): boolean {
  try {
    validateDeterminationInput(input as DeterminationInput);
    return true;
  } catch (error) {
    if (error instanceof InvalidInputError) return false;
    throw error;
  }
}

describe('apps/cli/determination-input.schema.json', () => {
  it('names exactly the fields the domain validator knows', () => {
    for (const [type, names] of Object.entries(DETERMINATION_INPUT_FIELDS)) {
      expect({ type, fields: Object.keys(schema.definitions[type]?.properties ?? {}).sort() }).toEqual({ type, fields: [...names].sort() });
    }
  });

  it('accepts every golden input, bare and as a variables document, as the domain does', () => {
    for (const { name, input, validAt } of loadGoldenCases()) {
      expect({ name, schema: validSchema(input), domain: domainAccepts(input) }).toEqual({ name, schema: true, domain: true });
      expect({ name, wrapped: validSchema({ input, validAt: validAt.slice(0, 10) }) }).toEqual({ name, wrapped: true });
    }
  });

  it.each<[string, unknown]>([
    ['a misspelt field', { destinaton: 'IN', consignee: { id: 'a', country: 'IN', headquarters: 'IN' }, items: [{ kind: 'COMPUTER' }] }],
    [
      'an unknown item field',
      { destination: 'IN', consignee: { id: 'a', country: 'IN', headquarters: 'IN' }, items: [{ kind: 'COMPUTER', datacenter: true }] },
    ],
    [
      'an unknown transaction',
      { destination: 'IN', consignee: { id: 'a', country: 'IN', headquarters: 'IN' }, items: [{ kind: 'COMPUTER' }], transaction: 'IMPORT' },
    ],
    [
      'a negative bandwidth',
      { destination: 'IN', consignee: { id: 'a', country: 'IN', headquarters: 'IN' }, items: [{ kind: 'COMPUTER', memoryBandwidth: -1 }] },
    ],
    [
      'a flag as text',
      { destination: 'IN', consignee: { id: 'a', country: 'IN', headquarters: 'IN', majorityOwnedFromD5OrMacau: 'no' }, items: [{ kind: 'COMPUTER' }] },
    ],
  ])('refuses %s, as the domain does', (_, input) => {
    expect({ schema: validSchema(input), domain: domainAccepts(input) }).toEqual({ schema: false, domain: false });
  });
});
