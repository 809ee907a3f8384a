import { isCountryCode } from '../countries/iso-3166.js';
import { InvalidInputError } from '../errors/domain-error.js';
import { closestName } from './closest-name.js';
import type { ConsigneeInput, DeterminationInput, ItemInput, ItemKind, TransactionType } from './determination-input.js';

export const MAX_ITEMS = 1000;
const ITEM_KINDS: ReadonlySet<ItemKind> = new Set(['INTEGRATED_CIRCUIT', 'COMPUTER', 'MODEL_WEIGHTS']);
const TRANSACTIONS: ReadonlySet<TransactionType> = new Set(['EXPORT', 'REEXPORT', 'IN_COUNTRY_TRANSFER']);

/** The fields of each input object, by the GraphQL input type's name: any other field is refused. */
export const DETERMINATION_INPUT_FIELDS = {
  DeterminationInput: ['destination', 'consignee', 'items', 'endUse', 'reference', 'transaction'],
  ConsigneeInput: ['id', 'name', 'country', 'headquarters', 'ultimateParent', 'veu', 'majorityOwnedFromD5OrMacau'],
  ItemInput: [
    'kind',
    'description',
    'eccn',
    'tpp',
    'performanceDensity',
    'quantity',
    'trainingOperations',
    'openWeights',
    'designedForDatacenter',
    'memoryBandwidth',
  ],
} as const;
const INPUT_FIELDS = fields('DeterminationInput');
const CONSIGNEE_FIELDS = fields('ConsigneeInput');
const ITEM_FIELDS = fields('ItemInput');
const AMOUNT_RULE = 'must be a finite number >= 0';
const FLAG_RULE = 'must be true or false';
const SHORT_TEXT = 200;
const LONG_TEXT = 2000;
const ECCN_TEXT = 32;

/**
 * Checks a determination input before any rule sees it. Inputs arrive from JSON, so every
 * field is checked for its type as well as its range, and a field the input types do not have
 * is refused (a misspelt fact must never change an answer silently). (Paths are built only on
 * failure: this runs for every determination.)
 * @throws InvalidInputError naming the offending field, e.g. `items.2.quantity`, or the unknown
 *   one with the known field it most likely means
 */
export function validateDeterminationInput(input: DeterminationInput): void {
  if (!isObject(input)) fail('input', 'must be an object');
  onlyKnown(input, INPUT_FIELDS, '');
  if (!isCountry(input.destination)) failCountry('destination', input.destination);
  consignee(input.consignee);
  if (!Array.isArray(input.items)) fail('items', 'must be a list');
  if (input.items.length < 1 || input.items.length > MAX_ITEMS) fail('items', `must hold 1 to ${MAX_ITEMS} items, got ${input.items.length}`);
  for (let index = 0; index < input.items.length; index++) item(input.items[index] as ItemInput, index);
  if (!isText(input.endUse, 0, LONG_TEXT, true)) failText('endUse', 0, LONG_TEXT);
  if (!isText(input.reference, 0, SHORT_TEXT, true)) failText('reference', 0, SHORT_TEXT);
  if (!absent(input.transaction) && !TRANSACTIONS.has(input.transaction)) fail('transaction', `must be one of ${[...TRANSACTIONS].join(', ')}`);
}

function consignee(value: ConsigneeInput): void {
  if (!isObject(value)) fail('consignee', 'must be an object');
  onlyKnown(value, CONSIGNEE_FIELDS, 'consignee.');
  if (!isText(value.id, 1, SHORT_TEXT, false)) failText('consignee.id', 1, SHORT_TEXT);
  if (!isText(value.name, 0, SHORT_TEXT, true)) failText('consignee.name', 0, SHORT_TEXT);
  if (!isCountry(value.country)) failCountry('consignee.country', value.country);
  if (!isCountry(value.headquarters)) failCountry('consignee.headquarters', value.headquarters);
  if (!absent(value.ultimateParent) && !isCountry(value.ultimateParent)) failCountry('consignee.ultimateParent', value.ultimateParent);
  if (!isText(value.veu, 0, SHORT_TEXT, true)) failText('consignee.veu', 0, SHORT_TEXT);
  if (!isFlag(value.majorityOwnedFromD5OrMacau)) fail('consignee.majorityOwnedFromD5OrMacau', FLAG_RULE);
}

function item(value: ItemInput, index: number): void {
  if (!isObject(value)) fail(`items.${index}`, 'must be an object');
  onlyKnown(value, ITEM_FIELDS, `items.${index}.`);
  if (!ITEM_KINDS.has(value.kind)) fail(`items.${index}.kind`, `must be one of ${[...ITEM_KINDS].join(', ')}`);
  if (!isText(value.description, 0, LONG_TEXT, true)) failText(`items.${index}.description`, 0, LONG_TEXT);
  if (!isText(value.eccn, 1, ECCN_TEXT, true)) failText(`items.${index}.eccn`, 1, ECCN_TEXT);
  if (!isAmount(value.tpp)) fail(`items.${index}.tpp`, AMOUNT_RULE);
  if (!isAmount(value.performanceDensity)) fail(`items.${index}.performanceDensity`, AMOUNT_RULE);
  if (!isAmount(value.trainingOperations)) fail(`items.${index}.trainingOperations`, AMOUNT_RULE);
  if (!absent(value.quantity) && !(Number.isSafeInteger(value.quantity) && value.quantity >= 0)) {
    fail(`items.${index}.quantity`, 'must be a whole number >= 0');
  }
  if (!isFlag(value.openWeights)) fail(`items.${index}.openWeights`, FLAG_RULE);
  if (!isFlag(value.designedForDatacenter)) fail(`items.${index}.designedForDatacenter`, FLAG_RULE);
  if (!isAmount(value.memoryBandwidth)) fail(`items.${index}.memoryBandwidth`, AMOUNT_RULE);
}

interface KnownFields {
  type: string;
  names: readonly string[];
  set: ReadonlySet<string>;
}

function fields(type: keyof typeof DETERMINATION_INPUT_FIELDS): KnownFields {
  const names = DETERMINATION_INPUT_FIELDS[type];
  return { type, names, set: new Set(names) };
}

function onlyKnown(value: object, known: KnownFields, prefix: string): void {
  for (const name in value) {
    if (known.set.has(name)) continue;
    const meant = closestName(name, known.names);
    fail(`${prefix}${name}`, `is not a field of ${known.type}${meant === undefined ? '' : `; did you mean ${meant}?`}`);
  }
}

function isFlag(value: unknown): boolean {
  return absent(value) || typeof value === 'boolean';
}

function isAmount(value: unknown): boolean {
  return absent(value) || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
}

function isCountry(value: unknown): boolean {
  return typeof value === 'string' && isCountryCode(value);
}

function isText(value: unknown, min: number, max: number, optional: boolean): boolean {
  if (absent(value)) return optional;
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** GraphQL sends an omitted optional field as null; both mean "not given". */
function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failCountry(path: string, value: unknown): never {
  fail(path, `must be an ISO 3166-1 alpha-2 code such as "DE", got ${JSON.stringify(value)}`);
}

function failText(path: string, min: number, max: number): never {
  fail(path, `must be a text of ${min} to ${max} characters`);
}

function fail(path: string, rule: string): never {
  throw new InvalidInputError(`${path} ${rule}`, path);
}
