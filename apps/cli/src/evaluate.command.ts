import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  evaluateDetermination,
  InvalidInputError,
  parseInstant,
  validateDeterminationInput,
  type DeterminationInput,
  type Instant,
  type LedgerFigures,
} from '#domain';
import { loadPolicyDirectory, offlineTimeline } from '#policy-files';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';

const DEFAULT_POLICIES = 'policies/ai-export-controls';

/** The fields of a GraphQL variables document `--input` may be, besides a bare input. */
const DOCUMENT_FIELDS = ['input', 'validAt', 'at'];
const AT_FIELDS = ['validAt', 'knownAt', 'publishedBy'];

/**
 * `policyctl evaluate`: one dry-run determination against the policy files, as JSON on stdout.
 * The input is checked, unknown fields included, before any policy file is read.
 */
export function evaluate(args: string[], out: Output, now: () => Instant): void {
  const { values, positionals } = parseOptions(args);
  if (positionals.length > 0) throw usageError(`evaluate takes no arguments, got '${positionals[0]}'`);
  if (values.input === undefined) throw usageError('evaluate needs --input <file.json | ->');

  const given = variables(readJson(values.input, '--input'));
  checkInput(given);
  const option = (name: 'valid-at' | 'known-at' | 'published-by', field: 'validAt' | 'knownAt' | 'publishedBy'): Instant | undefined => {
    if (values[name] !== undefined) return instant(values[name], `--${name}`);
    const text = given.at[field];
    return text === undefined ? undefined : instant(text, field === 'validAt' ? `${given.at.prefix}validAt` : `at.${field}`);
  };
  const validAt = option('valid-at', 'validAt');
  if (validAt === undefined) throw usageError('evaluate needs --valid-at <date> (or validAt in the variables document)');
  const knownAt = option('known-at', 'knownAt') ?? now();
  const publishedBy = option('published-by', 'publishedBy') ?? null;
  const ledger = values.ledger === undefined ? {} : ledgerFigures(values.ledger);
  const input = given.input;

  const timeline = offlineTimeline(loadPolicyDirectory(values.policies ?? DEFAULT_POLICIES));
  const version = timeline.stateAt({ validAt, knownAt, publishedBy });
  out.stdout(JSON.stringify(evaluateDetermination(input, version, { ledger }), null, 2));
}

interface Variables {
  input: DeterminationInput;
  /** True for a variables document `{ "input": ..., "validAt": ... }`, false for a bare input. */
  wrapped: boolean;
  at: { validAt?: string; knownAt?: string; publishedBy?: string; prefix: string };
}

/**
 * A bare DeterminationInput, or the variables document of the README's examples:
 * `{ "input": ..., "validAt": ... }` (issueDetermination's) or `{ "input": ..., "at": { "validAt": ... } }` (evaluate's).
 */
function variables(document: unknown): Variables {
  if (!isObject(document) || !('input' in document) || 'destination' in document) {
    return { input: document as DeterminationInput, wrapped: false, at: { prefix: '' } };
  }
  onlyFields(document, DOCUMENT_FIELDS, '');
  const at = document.at;
  if (at !== undefined && at !== null) {
    if (!isObject(at)) throw new CliError('--input: at must be an object such as { "validAt": "2025-06-01" }');
    onlyFields(at, AT_FIELDS, 'at.');
    if (document.validAt !== undefined && at.validAt !== undefined) throw new CliError('--input: give validAt or at.validAt, not both');
  }
  const text = (value: unknown, field: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new CliError(`--input: ${field} must be a date such as "2025-06-01"`);
    return value;
  };
  const nested = isObject(at) ? at : {};
  return {
    input: document.input as DeterminationInput,
    wrapped: true,
    at: {
      validAt: text(document.validAt, 'validAt') ?? text(nested.validAt, 'at.validAt'),
      knownAt: text(nested.knownAt, 'at.knownAt'),
      publishedBy: text(nested.publishedBy, 'at.publishedBy'),
      prefix: document.validAt === undefined ? 'at.' : '',
    },
  };
}

/** The domain's check of the input, its paths as written in the document (`input.items.0.tpp` when wrapped). */
function checkInput(given: Variables): void {
  try {
    validateDeterminationInput(given.input);
  } catch (error) {
    if (error instanceof InvalidInputError && given.wrapped) throw new InvalidInputError(`input.${error.message}`, `input.${error.path}`);
    throw error;
  }
}

function onlyFields(value: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const field of Object.keys(value)) {
    if (!known.includes(field))
      throw new CliError(`--input: ${prefix}${field} is not a field of the variables document (${known.map((k) => prefix + k).join(', ')})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        'valid-at': { type: 'string' },
        'known-at': { type: 'string' },
        'published-by': { type: 'string' },
        ledger: { type: 'string' },
        policies: { type: 'string' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function instant(text: string, option: string): Instant {
  try {
    return parseInstant(text, option);
  } catch {
    throw usageError(`${option}: '${text}' is not an ISO 8601 date (2025-06-01) or date-time with an offset`);
  }
}

/** A file path, `-` for stdin, or (for --ledger) inline JSON. */
function readJson(source: string, option: string): unknown {
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch {
    throw new CliError(`${option}: cannot read ${source === '-' ? 'stdin' : source}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${option}: ${source === '-' ? 'stdin' : source} is not valid JSON (${(error as Error).message})`);
  }
}

function ledgerFigures(source: string): LedgerFigures {
  const figures = source.trimStart().startsWith('{') ? parseInline(source) : readJson(source, '--ledger');
  const valid =
    typeof figures === 'object' &&
    figures !== null &&
    !Array.isArray(figures) &&
    Object.values(figures).every((amount) => typeof amount === 'number' && Number.isFinite(amount) && amount >= 0);
  if (!valid) throw new CliError('--ledger must be a JSON object of ledger name to amount drawn, e.g. {"LPP": 20000000}');
  return figures as LedgerFigures;
}

function parseInline(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--ledger: not valid JSON (${(error as Error).message})`);
  }
}
