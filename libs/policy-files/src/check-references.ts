import { changeProblems, documentToEvents, instantMs, knownPolicyOf, type PolicyEvent } from '#domain';
import type { PolicyFileProblem } from './policy-file-error.js';
import type { PolicyFile } from './read-policy-file.js';
import { pathLabel, type DataPath } from './yaml-locator.js';

/**
 * Checks what one file may say about another, reading the files in recording (file name)
 * order. What a change may say about the policy so far (regimes enacted before they are named,
 * rules added once and before they are amended, repealed or covered, parameters set before they
 * are read, retractions naming recorded changes) is checkChanges' business, the same check an
 * amendment's changes pass; the earlier files are the policy so far. Only files have the rest:
 * one policy id, unique ids, and sources published in recording order, so the offline
 * timeline's knowledge order is the publication order.
 */
export function checkReferences(files: readonly PolicyFile[]): PolicyFileProblem[] {
  const problems: PolicyFileProblem[] = [];
  const recorded: PolicyEvent[] = [];
  const documentIds = new Map<string, string>();
  let policyId: { id: string; file: string } | undefined;
  let previous: { publishedMs: number; file: string } | undefined;

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
    const publishedMs = instantMs(document.source.publishedAt);
    if (previous && publishedMs < previous.publishedMs) {
      report(
        ['source', 'publishedAt'],
        `published before ${previous.file}, which sorts earlier: files are recorded in name order, so name each file by its publication date`,
      );
    }
    previous = { publishedMs, file: file.path };

    for (const problem of changeProblems(document.changes, knownPolicyOf(recorded), { amendmentId: document.id })) {
      report(['changes', problem.changeIndex, ...fieldPath(problem.field)], problem.message);
    }
    recorded.push(...documentToEvents(document));
  }
  return problems;
}

/** `rule.covers.1` as the data path `['rule', 'covers', 1]`. */
function fieldPath(field: string): DataPath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
