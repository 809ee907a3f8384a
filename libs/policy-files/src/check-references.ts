import { changeProblems, documentToEvents, instantMs, knownPolicyOf, type PolicyDocument, type PolicyEvent, type PolicySource } from '#domain';
import { recordingDate } from './offline-timeline.js';
import type { PolicyFileProblem } from './policy-file-error.js';
import type { PolicyFile } from './read-policy-file.js';
import { pathLabel, type DataPath } from './yaml-locator.js';

/**
 * Checks what one file may say about another, reading the files in recording (file name)
 * order. What a change may say about the policy so far (regimes enacted before they are named,
 * rules added once and before they are amended, repealed or covered, parameters set before they
 * are read, retractions naming recorded changes) is checkChanges' business, the same check an
 * amendment's changes pass; the earlier files are the policy so far. Only files have the rest:
 * one policy id, unique ids, and recording dates (recordedOn, else the source's publication
 * date) in name order, so the offline timeline's knowledge order is the name order; a file
 * cannot be recorded before any source it cites was published.
 */
export function checkReferences(files: readonly PolicyFile[]): PolicyFileProblem[] {
  const problems: PolicyFileProblem[] = [];
  const recorded: PolicyEvent[] = [];
  const documentIds = new Map<string, string>();
  let policyId: { id: string; file: string } | undefined;
  let previous: { recordedMs: number; file: string } | undefined;

  for (const file of files) {
    const { document } = file;
    const report = (where: DataPath, reason: string): void => {
      const { line, col } = file.locator.at(where);
      problems.push({ file: file.path, line, col, reason: `${pathLabel(where)}: ${reason}` });
    };

    const sameId = documentIds.get(document.id);
    if (sameId) report(['id'], `duplicate id '${document.id}', already used by ${sameId}`);
    documentIds.set(document.id, file.path);
    policyId ??= { id: document.policyId, file: file.path };
    if (document.policyId !== policyId.id) {
      report(['policyId'], `'${document.policyId}' differs from '${policyId.id}' in ${policyId.file}: one directory holds one policy`);
    }
    const recordedMs = instantMs(recordingDate(document));
    const where: DataPath = document.recordedOn === undefined ? ['source', 'publishedAt'] : ['recordedOn'];
    if (previous && recordedMs < previous.recordedMs) {
      report(
        where,
        document.recordedOn === undefined
          ? `published before ${previous.file}, which sorts earlier: files are recorded in name order, so name each file by its publication date (a later correction states recordedOn)`
          : `recorded before ${previous.file}, which sorts earlier: files are recorded in name order, so name each file by its recordedOn date`,
      );
    }
    previous = { recordedMs, file: file.path };
    for (const [at, source] of sourcesOf(document)) {
      if (instantMs(source.publishedAt) > recordedMs)
        report(at, `published after the file is recorded (${recordingDate(document).slice(0, 10)}): recordedOn cannot precede its sources`);
    }

    for (const problem of changeProblems(document.changes, knownPolicyOf(recorded), { amendmentId: document.id })) {
      report(['changes', problem.changeIndex, ...fieldPath(problem.field)], problem.message);
    }
    recorded.push(...documentToEvents(document));
  }
  return problems;
}

/** The document's source and each change's own, with where they are written. */
function sourcesOf(document: PolicyDocument): [DataPath, PolicySource][] {
  const found: [DataPath, PolicySource][] = [[['source', 'publishedAt'], document.source]];
  document.changes.forEach((change, index) => {
    if (change.source) found.push([['changes', index, 'source', 'publishedAt'], change.source]);
  });
  return found;
}

/** `rule.covers.1` as the data path `['rule', 'covers', 1]`. */
function fieldPath(field: string): DataPath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
