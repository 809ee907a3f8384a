import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import {
  compileCondition,
  ConditionInvalidError,
  DomainError,
  isCountryCode,
  parseInstant,
  type PolicyChange,
  type PolicyDocument,
  type PolicySource,
} from '#domain';
import type { PolicyFileProblem } from './policy-file-error.js';
import { schemaViolations } from './policy-file-schema.js';
import { pathLabel, YamlLocator, type DataPath } from './yaml-locator.js';

/** A policy file that passed every check that needs only the file itself. */
export interface PolicyFile {
  path: string;
  /** Its text as read: what an import records, so an export writes it back with its comments. */
  text: string;
  document: PolicyDocument;
  locator: YamlLocator;
}

export type PolicyFileReading = { file: PolicyFile; problems: [] } | { file?: undefined; problems: PolicyFileProblem[] };

/**
 * Reads one policy file: YAML syntax, the JSON schema, dates, country codes, CEL conditions
 * and the id matching the file name. Dates come back as canonical instants.
 */
export function readPolicyFile(path: string): PolicyFileReading {
  return readPolicyText(path, readFileSync(path, 'utf8'));
}

/** readPolicyFile on a file's text already in hand (`path` names it in problems and gives its id). */
export function readPolicyText(path: string, text: string): PolicyFileReading {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (yaml.errors.length > 0) {
    return {
      problems: yaml.errors.map((error) => {
        const [start] = error.linePos ?? [{ line: 1, col: 1 }];
        return { file: path, line: start.line, col: start.col, reason: firstLine(error.message) };
      }),
    };
  }
  const locator = new YamlLocator(yaml, lineCounter, text);
  const problem = (where: DataPath, reason: string): PolicyFileProblem => {
    const { line, col } = locator.at(where);
    const label = pathLabel(where);
    return { file: path, line, col, reason: label === '' ? reason : `${label}: ${reason}` };
  };

  const data: unknown = yaml.toJS({ maxAliasCount: 10_000 });
  const violations = schemaViolations(data);
  if (violations.length > 0) return { problems: violations.map((v) => problem(v.path, v.reason)) };

  const checker = new FileChecker(path, locator, problem);
  const document = checker.document(data as PolicyDocument);
  if (checker.problems.length > 0) return { problems: checker.problems };
  return { file: { path, text, document, locator }, problems: [] };
}

type ProblemAt = (where: DataPath, reason: string) => PolicyFileProblem;

class FileChecker {
  readonly problems: PolicyFileProblem[] = [];

  constructor(
    private readonly path: string,
    private readonly locator: YamlLocator,
    private readonly problem: ProblemAt,
  ) {}

  document(raw: PolicyDocument & { amendmentId?: string }): PolicyDocument {
    const expectedId = basename(this.path).replace(/\.ya?ml$/, '');
    if (raw.id !== expectedId) this.problems.push(this.problem(['id'], `must be the file name without .yaml, '${expectedId}', got '${raw.id}'`));
    // An amendment published through the API keeps its id, which names its recorded changes.
    const { amendmentId, ...written } = raw;
    return {
      ...written,
      id: amendmentId ?? raw.id,
      ...(raw.recordedOn === undefined ? {} : { recordedOn: this.instant(raw.recordedOn, ['recordedOn']) }),
      source: this.source(raw.source, ['source']),
      changes: raw.changes.map((change, index) => this.change(change, index)),
    };
  }

  private change(raw: PolicyChange, index: number): PolicyChange {
    const at: DataPath = ['changes', index];
    const change = { ...raw, effectiveAt: this.instant(raw.effectiveAt, [...at, 'effectiveAt']) };
    if (raw.source) change.source = this.source(raw.source, [...at, 'source']);
    if (change.type === 'REASSIGN_TIER' || change.type === 'CHANGE_COUNTRY_GROUPS') this.country(change.country, [...at, 'country']);
    if (change.type === 'ADD_RULE' || change.type === 'AMEND_RULE') this.condition(change.rule.condition, change.rule.id, index);
    return change;
  }

  private source(raw: PolicySource, at: DataPath): PolicySource {
    return { ...raw, publishedAt: this.instant(raw.publishedAt, [...at, 'publishedAt']) };
  }

  private instant(text: string, at: DataPath): string {
    try {
      return parseInstant(text, pathLabel(at));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.problems.push(this.problem(at, `'${text}' is not a real calendar date`));
      return text;
    }
  }

  private country(code: string, at: DataPath): void {
    if (!isCountryCode(code)) this.problems.push(this.problem(at, `'${code}' is not an ISO 3166-1 alpha-2 country code`));
  }

  private condition(expression: string, ruleId: string, index: number): void {
    const at: DataPath = ['changes', index, 'rule', 'condition'];
    try {
      compileCondition(expression, ruleId);
    } catch (error) {
      if (!(error instanceof ConditionInvalidError)) throw error;
      const { line, col } = this.locator.inValue(at, error.line, error.column);
      this.problems.push({ file: this.path, line, col, reason: `${pathLabel(at)}: ${error.message}` });
    }
  }
}

/** yaml's pretty errors append "at line L, column C:" and a code frame; the position is reported separately. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
