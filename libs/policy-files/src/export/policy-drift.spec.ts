import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentToEvents, type PolicyDocument } from '#domain';
import { loadPolicyDirectory, type PolicyDirectory } from '#policy-files';
import type { StoredPolicyEvent } from './legal-actions.js';
import { policyDrift } from './policy-drift.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const repository = loadPolicyDirectory(join(root, 'policies', 'ai-export-controls'));

function stored(documents: readonly PolicyDocument[]): StoredPolicyEvent[] {
  let position = 0;
  return documents.flatMap((document) => documentToEvents(document).map((event) => ({ event, position: ++position, metadata: {} })));
}

/** The directory with some of its documents dropped or replaced, names kept. */
function directory(edit: (documents: PolicyDocument[]) => PolicyDocument[]): PolicyDirectory {
  const documents = edit([...repository.documents]);
  const names = new Map(repository.files.map((file) => [file.documentId, file.name]));
  return {
    ...repository,
    documents,
    files: documents.map((document) => ({ documentId: document.id, name: names.get(document.id) ?? `${document.id}.yaml`, text: '' })),
  };
}

describe('policyDrift', () => {
  it('finds none between a directory and the store it was imported into', () => {
    expect(policyDrift(repository, stored(repository.documents))).toEqual([]);
  });

  it('names a legal action the store recorded that no file holds, and a file the store does not hold', () => {
    const last = repository.documents.at(-1)!;
    expect(
      policyDrift(
        directory((documents) => documents.slice(0, -1)),
        stored(repository.documents),
      ),
    ).toEqual([
      {
        message: `${last.id}: recorded in the store (${last.changes.length} change${last.changes.length === 1 ? '' : 's'} at position ${stored(repository.documents).length - last.changes.length + 1}) but no file holds it`,
      },
    ]);
    expect(policyDrift(repository, stored(repository.documents.slice(0, -1)))).toEqual([{ file: `${last.id}.yaml`, message: 'not recorded in the store' }]);
  });

  it('names each field of a change that differs, and a change count that differs', () => {
    const index = repository.documents.findIndex((document) => document.changes.some((change) => change.type === 'SET_THRESHOLD'));
    const edited = repository.documents[index];
    const at = edited.changes.findIndex((change) => change.type === 'SET_THRESHOLD');
    const changes = edited.changes.map((change, i) =>
      i === at && change.type === 'SET_THRESHOLD' ? { ...change, value: change.value + 1, unit: 'x' } : change,
    );
    const original = edited.changes[at] as { value: number; unit: string };
    expect(
      policyDrift(
        directory((documents) => documents.map((d, i) => (i === index ? { ...d, changes } : d))),
        stored(repository.documents),
      ),
    ).toEqual([
      { file: `${edited.id}.yaml`, message: `changes[${at}].unit: the file has "x", the store has ${JSON.stringify(original.unit)}` },
      { file: `${edited.id}.yaml`, message: `changes[${at}].value: the file has ${original.value + 1}, the store has ${original.value}` },
    ]);
    expect(
      policyDrift(
        directory((documents) => documents.map((d, i) => (i === index ? { ...d, changes: d.changes.slice(1) } : d))),
        stored(repository.documents),
      ),
    ).toEqual([{ file: `${edited.id}.yaml`, message: `has ${edited.changes.length - 1} changes, the store recorded ${edited.changes.length}` }]);
  });

  it('names files whose name order is not the order the store recorded', () => {
    const [first, second, ...rest] = repository.documents;
    expect(policyDrift(repository, stored([second, first, ...rest]))).toEqual([
      { file: `${first.id}.yaml`, message: `sorts before ${second.id}.yaml, but the store recorded ${second.id} first (files are recorded in name order)` },
    ]);
  });
});
