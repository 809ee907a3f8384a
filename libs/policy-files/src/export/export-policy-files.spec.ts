import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentToEvents, parseInstant, type PolicyDocument } from '#domain';
import { loadPolicyDirectory, loadPolicyTexts, type PolicyDirectory } from '#policy-files';
import { exportPolicyFiles, fileIdFor } from './export-policy-files.js';
import { POLICY_FILE_METADATA, type StoredPolicyEvent } from './legal-actions.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const policyDir = join(root, 'policies', 'ai-export-controls');
const repository = loadPolicyDirectory(policyDir);

/** What a store holds after importing documents one append each, with or without their files. */
function stored(documents: readonly PolicyDocument[], files: PolicyDirectory['files'] = []): StoredPolicyEvent[] {
  const fileOf = new Map(files.map((file) => [file.documentId, file]));
  let position = 0;
  return documents.flatMap((document) =>
    documentToEvents(document).map((event, index) => {
      const file = fileOf.get(document.id);
      return { event, position: ++position, metadata: index === 0 && file ? { [POLICY_FILE_METADATA]: { name: file.name, text: file.text } } : {} };
    }),
  );
}

/** TEST FIXTURE, not law: an amendment as drafted through the API, with a store id. */
function amendment(id: string, publishedAt: string, title = 'TEST FIXTURE: India to Tier 3 (fictitious)'): PolicyDocument {
  return {
    id,
    policyId: 'ai-export-controls',
    title,
    rationale: 'Test fixture; not a real legal action.',
    source: { citation: 'TEST FIXTURE, fictitious notice', publishedAt: parseInstant(publishedAt) },
    changes: [
      { type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt: parseInstant('2025-07-01'), confidence: 'UNCONFIRMED', note: 'A test fixture.' },
      { type: 'SET_THRESHOLD', parameter: 'lpp.cap.tpp', value: 20_000_000, unit: 'TPP', effectiveAt: parseInstant('2026-12-01') },
    ],
  };
}
const FIRST = '6f1c2d3e-0000-4000-8000-000000000001';
const SECOND = '6f1c2d3e-0000-4000-8000-000000000002';
const titles = new Map([
  [FIRST, 'TEST FIXTURE: India to Tier 3 (fictitious)'],
  [SECOND, 'TEST FIXTURE: a second amendment'],
]);

describe('exportPolicyFiles', () => {
  it('writes back every file imported with its text byte for byte, comments included', () => {
    const exported = exportPolicyFiles('ai-export-controls', stored(repository.documents, repository.files), new Map());
    expect(exported.warnings).toEqual([]);
    expect(exported.files.map((file) => [file.name, file.asImported])).toEqual(repository.files.map((file) => [file.name, true]));
    for (const file of exported.files) expect(file.text).toBe(readFileSync(join(policyDir, file.name), 'utf8'));
  });

  it('lays out an amendment published through the API under its publication date and title, keeping its id', () => {
    const history = [...repository.documents, amendment(FIRST, '2026-12-10'), amendment(SECOND, '2026-12-10', titles.get(SECOND))];
    const exported = exportPolicyFiles('ai-export-controls', stored(history, repository.files), titles);
    const [first, second] = exported.files.slice(-2);
    expect(first).toMatchObject({ documentId: FIRST, name: '2026-12-10-test-fixture-india-to-tier-3-fictitious.yaml', asImported: false });
    // The same date and a slug that sorts earlier: named after the file recorded before it, so name order stays recording order.
    expect(second.name).toBe('2026-12-10-test-fixture-india-to-tier-3-fictitious-test-fixture-a-second-amendment.yaml');
    expect(first.text).toBe(
      [
        '# yaml-language-server: $schema=../policy-file.schema.json',
        'id: 2026-12-10-test-fixture-india-to-tier-3-fictitious',
        `amendmentId: ${FIRST}`,
        'policyId: ai-export-controls',
        'title: "TEST FIXTURE: India to Tier 3 (fictitious)"',
        'rationale: Test fixture; not a real legal action.',
        'source:',
        '  citation: TEST FIXTURE, fictitious notice',
        '  publishedAt: 2026-12-10',
        'changes:',
        '  - type: REASSIGN_TIER',
        '    effectiveAt: 2025-07-01',
        '    country: IN',
        '    tier: 3',
        '    confidence: UNCONFIRMED',
        '    note: A test fixture.',
        '',
        '  - type: SET_THRESHOLD',
        '    effectiveAt: 2026-12-01',
        '    parameter: lpp.cap.tpp',
        '    value: 20000000',
        '    unit: TPP',
        '',
      ].join('\n'),
    );
  });

  it('lays out files the store holds without their text so that they load back to the same events, the same bytes every time', () => {
    const exported = exportPolicyFiles('ai-export-controls', stored(repository.documents), new Map(repository.documents.map((d) => [d.id, d.title])));
    expect(exported.files.map((file) => file.name)).toEqual(repository.files.map((file) => file.name));
    expect(exported.files.every((file) => !file.asImported)).toBe(true);
    const reloaded = loadPolicyTexts('ai-export-controls', exported.files);
    expect(reloaded.documents.flatMap(documentToEvents)).toEqual(repository.documents.flatMap(documentToEvents));
    const again = exportPolicyFiles('ai-export-controls', stored(repository.documents), new Map(repository.documents.map((d) => [d.id, d.title])));
    expect(again.files.map((file) => file.text)).toEqual(exported.files.map((file) => file.text));
  });

  it('says when a title was never recorded, and when a recorded file no longer reads as its changes', () => {
    const tampered = repository.files.map((file, index) => (index === 0 ? { ...file, text: file.text.replace('value: 4800', 'value: 4801') } : file));
    expect(tampered[0].text).not.toBe(repository.files[0].text);
    const exported = exportPolicyFiles('ai-export-controls', stored(repository.documents, tampered), new Map());
    expect(exported.warnings).toEqual([
      `${repository.files[0].name}: the file recorded with ${repository.documents[0].id} does not read as its recorded changes; written from the store instead`,
      `${repository.documents[0].id}: the store records no title for it (imported without its file); titled 'Legal action ${repository.documents[0].id}'`,
    ]);
    expect(exported.files[0].asImported).toBe(false);
  });

  it('states recordedOn for an amendment citing a source published before a file recorded ahead of it, so name order stays recording order', () => {
    const history = [...repository.documents, amendment(FIRST, '2024-01-01')];
    const exported = exportPolicyFiles('ai-export-controls', stored(history, repository.files), titles);
    const last = exported.files.at(-1)!;
    const recordedBefore = repository.files.at(-1)!.name.slice(0, 10);
    expect(last).toMatchObject({ documentId: FIRST, name: `${recordedBefore}-test-fixture-india-to-tier-3-fictitious.yaml`, asImported: false });
    expect(last.text).toContain(`  publishedAt: 2024-01-01\nrecordedOn: ${recordedBefore}\n`);
    const reloaded = loadPolicyTexts('ai-export-controls', exported.files);
    expect(reloaded.documents.map((document) => document.id)).toEqual(history.map((document) => document.id));
  });
});

describe('fileIdFor', () => {
  it('names by date and title slug, after the previous file, numbering clashes', () => {
    expect(fileIdFor('2026-12-01', 'India to Tier 3!', '2026-07-14-uae.yaml', new Set())).toBe('2026-12-01-india-to-tier-3');
    expect(fileIdFor('2026-12-01', 'Alpha', '2026-12-01-zeta.yaml', new Set())).toBe('2026-12-01-zeta-alpha');
    expect(fileIdFor('2026-12-01', 'Zeta', '2026-12-01-zeta.yaml', new Set(['2026-12-01-zeta.yaml']))).toBe('2026-12-01-zeta-zeta');
    expect(fileIdFor('2026-12-01', 'Zulu', '2026-12-01-a.yaml', new Set(['2026-12-01-zulu.yaml']))).toBe('2026-12-01-zulu-2');
    expect(fileIdFor('2026-12-01', '¿Qué? ', undefined, new Set())).toBe('2026-12-01-que');
    expect(fileIdFor('2026-12-01', '***', undefined, new Set())).toBe('2026-12-01-amendment');
  });
});
