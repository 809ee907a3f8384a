import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateDetermination, parseInstant, type DeterminationInput, type Instant, type LedgerFigures } from '#domain';
import { loadPolicyDirectory, offlineTimeline } from '#policy-files';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';

const DEFAULT_POLICIES = 'policies/ai-export-controls';

/** `policyctl evaluate`: one dry-run determination against the policy files, as JSON on stdout. */
export function evaluate(args: string[], out: Output, now: () => Instant): void {
  const { values, positionals } = parseOptions(args);
  if (positionals.length > 0) throw usageError(`evaluate takes no arguments, got '${positionals[0]}'`);
  if (values.input === undefined) throw usageError('evaluate needs --input <file.json | ->');
  if (values['valid-at'] === undefined) throw usageError('evaluate needs --valid-at <date>');

  const input = readJson(values.input, '--input') as DeterminationInput;
  const validAt = instant(values['valid-at'], '--valid-at');
  const knownAt = values['known-at'] === undefined ? now() : instant(values['known-at'], '--known-at');
  const publishedBy = values['published-by'] === undefined ? null : instant(values['published-by'], '--published-by');
  const ledger = values.ledger === undefined ? {} : ledgerFigures(values.ledger);

  const timeline = offlineTimeline(loadPolicyDirectory(values.policies ?? DEFAULT_POLICIES));
  const version = timeline.stateAt({ validAt, knownAt, publishedBy });
  out.stdout(JSON.stringify(evaluateDetermination(input, version, { ledger }), null, 2));
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
