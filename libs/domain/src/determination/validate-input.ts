import { isCountryCode } from '../countries/iso-3166.js';
import { InvalidInputError } from '../errors/domain-error.js';
import type { ConsigneeInput, DeterminationInput, ItemInput, ItemKind } from './determination-input.js';

export const MAX_ITEMS = 1000;
const ITEM_KINDS: ReadonlySet<ItemKind> = new Set(['INTEGRATED_CIRCUIT', 'COMPUTER', 'MODEL_WEIGHTS']);
const SHORT_TEXT = 200;
const LONG_TEXT = 2000;

/**
 * Checks a determination input before any rule sees it. Inputs arrive from JSON, so every
 * field is checked for its type as well as its range.
 * @throws InvalidInputError naming the offending field, e.g. `items.2.quantity`
 */
export function validateDeterminationInput(input: DeterminationInput): void {
  if (!isObject(input)) throw new InvalidInputError('the input must be an object', 'input');
  country(input.destination, 'destination');
  consignee(input.consignee);
  if (!Array.isArray(input.items)) throw new InvalidInputError('items must be a list', 'items');
  if (input.items.length < 1 || input.items.length > MAX_ITEMS) {
    throw new InvalidInputError(`items must hold 1 to ${MAX_ITEMS} items, got ${input.items.length}`, 'items');
  }
  input.items.forEach((entry, index) => item(entry, `items.${index}`));
  optionalText(input.endUse, 'endUse', LONG_TEXT);
  optionalText(input.reference, 'reference', SHORT_TEXT);
}

function consignee(value: ConsigneeInput): void {
  if (!isObject(value)) throw new InvalidInputError('consignee must be an object', 'consignee');
  text(value.id, 'consignee.id', SHORT_TEXT);
  optionalText(value.name, 'consignee.name', SHORT_TEXT);
  country(value.country, 'consignee.country');
  country(value.headquarters, 'consignee.headquarters');
  if (!absent(value.ultimateParent)) country(value.ultimateParent, 'consignee.ultimateParent');
  optionalText(value.veu, 'consignee.veu', SHORT_TEXT);
}

function item(value: ItemInput, path: string): void {
  if (!isObject(value)) throw new InvalidInputError(`${path} must be an object`, path);
  if (!ITEM_KINDS.has(value.kind)) {
    throw new InvalidInputError(`${path}.kind must be one of ${[...ITEM_KINDS].join(', ')}`, `${path}.kind`);
  }
  optionalText(value.description, `${path}.description`, LONG_TEXT);
  if (!absent(value.eccn)) text(value.eccn, `${path}.eccn`, 32);
  amount(value.tpp, `${path}.tpp`);
  amount(value.performanceDensity, `${path}.performanceDensity`);
  amount(value.trainingOperations, `${path}.trainingOperations`);
  if (!absent(value.quantity) && !(Number.isSafeInteger(value.quantity) && value.quantity >= 0)) {
    throw new InvalidInputError(`${path}.quantity must be a whole number >= 0`, `${path}.quantity`);
  }
  if (!absent(value.openWeights) && typeof value.openWeights !== 'boolean') {
    throw new InvalidInputError(`${path}.openWeights must be true or false`, `${path}.openWeights`);
  }
}

function country(value: unknown, path: string): void {
  if (typeof value !== 'string' || !isCountryCode(value)) {
    throw new InvalidInputError(`${path} must be an ISO 3166-1 alpha-2 code such as "DE", got ${JSON.stringify(value)}`, path);
  }
}

function amount(value: unknown, path: string): void {
  if (!absent(value) && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new InvalidInputError(`${path} must be a finite number >= 0`, path);
  }
}

function text(value: unknown, path: string, max: number, min = 1): void {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new InvalidInputError(`${path} must be a text of ${min} to ${max} characters`, path);
  }
}

function optionalText(value: unknown, path: string, max: number): void {
  if (!absent(value)) text(value, path, max, 0);
}

/** GraphQL sends an omitted optional field as null; both mean "not given". */
function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
