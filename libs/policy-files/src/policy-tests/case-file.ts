import { LineCounter, parseDocument } from 'yaml';
import { DomainError, parseInstant, type DeterminationInput, type Instant, type LedgerFigures } from '#domain';
import type { PolicyFileProblem } from '../policy-file-error.js';
import { YamlLocator, type DataPath } from '../yaml-locator.js';

/**
 * One case of a policy test file (the format of test/golden/determinations.yaml, documented in
 * docs/policy-tests.md): a shipment, the coordinates to decide it at, and what the law must say.
 */
export interface PolicyTestCase {
  file: string;
  /** Where the case starts in its file. */
  line: number;
  name: string;
  input: DeterminationInput;
  validAt: Instant;
  knownAt?: Instant;
  publishedBy?: Instant;
  ledger?: LedgerFigures;
  /** The parts of the result the case is about; see expectation-match.ts for how they match. */
  expect: Record<string, unknown>;
  reason: string;
}

const REQUIRED = ['name', 'validAt', 'input', 'expect', 'reason'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'knownAt', 'publishedBy', 'ledger']);

/** Bounds on one file: a case file is written by people, and the API takes one as a string. */
export const MAX_CASES = 2000;

/**
 * Reads a case file: a YAML mapping whose `cases` is the list of cases; anything else at the top
 * (items, consignees) is there to be merged into cases with anchors and `<<`. Every problem is
 * reported with its line, none is skipped: an unknown or misspelt field of a case is an error.
 */
export function readCaseFile(file: string, text: string): { cases: PolicyTestCase[]; problems: PolicyFileProblem[] } {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true });
  if (yaml.errors.length > 0) {
    return {
      cases: [],
      problems: yaml.errors.map((error) => {
        const [start] = error.linePos ?? [{ line: 1, col: 1 }];
        return { file, line: start.line, col: start.col, reason: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') };
      }),
    };
  }
  const locator = new YamlLocator(yaml, lineCounter, text);
  const problems: PolicyFileProblem[] = [];
  const report = (where: DataPath, reason: string) => problems.push({ file, ...locator.at(where), reason });
  const table = yaml.toJS({ maxAliasCount: 100_000 }) as { cases?: unknown } | null;
  if (table === null || typeof table !== 'object' || !Array.isArray(table.cases)) {
    report([], 'a case file is a mapping with a list of cases under `cases`');
    return { cases: [], problems };
  }
  if (table.cases.length > MAX_CASES) {
    report(['cases'], `has ${table.cases.length} cases; a file holds at most ${MAX_CASES}`);
    return { cases: [], problems };
  }
  const names = new Set<string>();
  const cases: PolicyTestCase[] = [];
  table.cases.forEach((raw: unknown, index: number) => {
    const at: DataPath = ['cases', index];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return report(at, 'a case is a mapping');
    const fields = raw as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(fields)) if (!KNOWN.has(key)) report([...at, key], `unknown field '${key}' (a case has ${[...KNOWN].join(', ')})`);
    for (const key of REQUIRED) if (fields[key] === undefined) report(at, `case ${typeof fields.name === 'string' ? `'${fields.name}' ` : ''}has no ${key}`);
    if (typeof fields.name === 'string') {
      if (names.has(fields.name)) report([...at, 'name'], `duplicate case name '${fields.name}'`);
      names.add(fields.name);
    }
    if (fields.expect !== undefined && (typeof fields.expect !== 'object' || fields.expect === null || Array.isArray(fields.expect))) {
      report([...at, 'expect'], 'expect is a mapping of result fields, e.g. { outcome: LICENSE_REQUIRED }');
    }
    const instant = (key: string): Instant | undefined => {
      if (fields[key] === undefined) return undefined;
      try {
        return parseInstant(String(fields[key]), key);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        report([...at, key], `'${String(fields[key])}' is not an ISO 8601 date or date-time with an offset`);
        return undefined;
      }
    };
    const [validAt, knownAt, publishedBy] = [instant('validAt'), instant('knownAt'), instant('publishedBy')];
    if (problems.length > before) return;
    cases.push({
      file,
      line: locator.at(at).line,
      name: fields.name as string,
      input: fields.input as DeterminationInput,
      validAt: validAt as Instant,
      ...(knownAt ? { knownAt } : {}),
      ...(publishedBy ? { publishedBy } : {}),
      ...(fields.ledger === undefined ? {} : { ledger: fields.ledger as LedgerFigures }),
      expect: fields.expect as Record<string, unknown>,
      reason: String(fields.reason),
    });
  });
  return { cases: problems.length > 0 ? [] : cases, problems };
}
