import { assertNever, changeId, instantMs, type PolicyChange, type RuleDefinition } from '#domain';
import type { PolicyFileProblem } from './policy-file-error.js';
import type { PolicyFile } from './read-policy-file.js';
import { pathLabel, type DataPath } from './yaml-locator.js';

interface KnownRule {
  kind: RuleDefinition['kind'];
  addedBy: string;
  repealed: boolean;
}

/**
 * Checks what one file may say about another, reading the files in recording (file name)
 * order: one policy id; sources published in recording order, so the offline timeline's
 * knowledge order is the publication order; regimes enacted before they are named; rules added
 * once and before they are amended, repealed or covered; parameters set, effective no later
 * than the rule that reads them; retractions naming changes of earlier files.
 */
export function checkReferences(files: readonly PolicyFile[]): PolicyFileProblem[] {
  const checker = new ReferenceChecker();
  for (const file of files) checker.file(file);
  return checker.problems;
}

class ReferenceChecker {
  readonly problems: PolicyFileProblem[] = [];
  private policyId: { id: string; file: string } | undefined;
  private previous: { publishedMs: number; file: string } | undefined;
  private readonly regimes = new Map<string, string>();
  private readonly rules = new Map<string, KnownRule>();
  private readonly parameters = new Map<string, number>();
  private readonly changeIds = new Set<string>();
  private readonly documentIds = new Map<string, string>();

  file(file: PolicyFile): void {
    const { document } = file;
    const report = (where: DataPath, reason: string): void => {
      const { line, col } = file.locator.at(where);
      this.problems.push({ file: file.path, line, col, reason: `${pathLabel(where)}: ${reason}` });
    };

    const sameId = this.documentIds.get(document.id);
    if (sameId) report(['id'], `duplicate id '${document.id}', already used by ${sameId}`);
    this.documentIds.set(document.id, file.path);
    this.policyId ??= { id: document.policyId, file: file.path };
    if (document.policyId !== this.policyId.id) {
      report(['policyId'], `'${document.policyId}' differs from '${this.policyId.id}' in ${this.policyId.file}: one directory holds one policy`);
    }
    const publishedMs = instantMs(document.source.publishedAt);
    if (this.previous && publishedMs < this.previous.publishedMs) {
      report(['source', 'publishedAt'], `published before ${this.previous.file}, which sorts earlier: files are recorded in name order, so name each file by its publication date`);
    }
    this.previous = { publishedMs, file: file.path };

    const addedHere = requirementsAdded(document.changes);
    document.changes.forEach((change, index) => this.change(change, index, file, addedHere, report));
    document.changes.forEach((_, index) => this.changeIds.add(changeId(document.id, index)));
  }

  private change(
    change: PolicyChange,
    index: number,
    file: PolicyFile,
    addedHere: ReadonlySet<string>,
    report: (where: DataPath, reason: string) => void,
  ): void {
    const at: DataPath = ['changes', index];
    const here = changeId(file.document.id, index);
    switch (change.type) {
      case 'ENACT_REGIME': {
        const enactedBy = this.regimes.get(change.regime);
        if (enactedBy) report([...at, 'regime'], `regime '${change.regime}' is already enacted by ${enactedBy}`);
        else this.regimes.set(change.regime, here);
        return;
      }
      case 'SUSPEND_ENFORCEMENT':
      case 'RESUME_ENFORCEMENT':
      case 'RESCIND_REGIME':
      case 'REINSTATE_REGIME':
        if (!this.regimes.has(change.regime)) report([...at, 'regime'], `regime '${change.regime}' is not enacted by this or an earlier file`);
        return;
      case 'SET_THRESHOLD': {
        const known = this.parameters.get(change.parameter);
        const effectiveMs = instantMs(change.effectiveAt);
        this.parameters.set(change.parameter, known === undefined ? effectiveMs : Math.min(known, effectiveMs));
        return;
      }
      case 'ADD_RULE': {
        const known = this.rules.get(change.rule.id);
        if (known && !known.repealed) report([...at, 'rule', 'id'], `rule '${change.rule.id}' is already added by ${known.addedBy}: use AMEND_RULE`);
        this.rules.set(change.rule.id, { kind: change.rule.kind, addedBy: here, repealed: false });
        this.rule(change.rule, change.effectiveAt, at, file.parametersRead.get(index) ?? [], addedHere, report);
        return;
      }
      case 'AMEND_RULE': {
        const known = this.rules.get(change.rule.id);
        if (!known || known.repealed) report([...at, 'rule', 'id'], `rule '${change.rule.id}' is not in force: it was never added${known ? ' or was repealed' : ''}`);
        else known.kind = change.rule.kind;
        this.rule(change.rule, change.effectiveAt, at, file.parametersRead.get(index) ?? [], addedHere, report);
        return;
      }
      case 'REPEAL_RULE': {
        const known = this.rules.get(change.ruleId);
        if (!known || known.repealed) report([...at, 'ruleId'], `rule '${change.ruleId}' is not in force: it was never added${known ? ' or was already repealed' : ''}`);
        else known.repealed = true;
        return;
      }
      case 'RETRACT_CHANGE':
        if (!this.changeIds.has(change.changeId)) report([...at, 'changeId'], `no earlier file has a change '${change.changeId}'`);
        return;
      case 'REASSIGN_TIER':
      case 'CHANGE_COUNTRY_GROUPS':
        return;
      default:
        assertNever(change);
    }
  }

  private rule(
    rule: RuleDefinition,
    effectiveAt: string,
    at: DataPath,
    parametersRead: readonly string[],
    addedHere: ReadonlySet<string>,
    report: (where: DataPath, reason: string) => void,
  ): void {
    if (!this.regimes.has(rule.regime)) report([...at, 'rule', 'regime'], `regime '${rule.regime}' is not enacted by this or an earlier file`);
    const effectiveMs = instantMs(effectiveAt);
    for (const name of parametersRead) {
      const from = this.parameters.get(name);
      if (from === undefined || from > effectiveMs) {
        report([...at, 'rule', 'condition'], `reads params["${name}"], which no change sets effective on or before ${effectiveAt.slice(0, 10)}`);
      }
    }
    if (rule.cap && !this.parameters.has(rule.cap.parameter)) {
      report([...at, 'rule', 'cap', 'parameter'], `parameter '${rule.cap.parameter}' is not set by this or an earlier file`);
    }
    (rule.covers ?? []).forEach((id, i) => {
      const covered = this.rules.get(id);
      if (covered?.kind === 'requirement' || addedHere.has(id)) return;
      report([...at, 'rule', 'covers', i], covered ? `'${id}' is a ${covered.kind} rule, not a requirement` : `unknown requirement '${id}'`);
    });
  }
}

/** Requirement ids a file adds: an exception in the same file may cover them wherever they are written. */
function requirementsAdded(changes: readonly PolicyChange[]): Set<string> {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.type === 'ADD_RULE' && change.rule.kind === 'requirement') ids.add(change.rule.id);
  }
  return ids;
}
