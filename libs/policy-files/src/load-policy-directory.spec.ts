import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, loadPolicyDirectory, loadPolicyFile, PolicyFileError, recordDocuments, type PolicyDirectory } from '#policy-files';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixtures = join(root, 'libs', 'policy-files', 'test-fixtures');
const fixture = (dir: string, file = ''): string => join(fixtures, dir, file);

/** The problems a rejected directory reports, as the `file:line:col: reason` lines an author reads. */
function problemsOf(load: () => unknown): string[] {
  let loaded: unknown;
  try {
    loaded = load();
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error(`expected a PolicyFileError, but it loaded ${JSON.stringify(loaded).slice(0, 80)}`);
}

describe('loadPolicyDirectory on policies/ai-export-controls', () => {
  let loaded: PolicyDirectory;
  beforeAll(() => {
    try {
      loaded = loadPolicyDirectory(join(root, 'policies', 'ai-export-controls'));
    } catch (error) {
      // Show every problem, not a truncated message.
      throw error instanceof PolicyFileError ? new Error(error.message) : error;
    }
  });

  it('loads every file in file name order, the recording order', () => {
    expect(loaded.policyId).toBe('ai-export-controls');
    const ids = loaded.documents.map((document) => document.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids[0]).toBe('2022-10-07-advanced-computing-ifr');
  });

  it('returns dates as canonical instants', () => {
    const ifr = loaded.documents.find((document) => document.id === '2025-01-13-ai-diffusion-ifr');
    expect(ifr?.source.publishedAt).toBe('2025-01-13T00:00:00.000Z');
    expect(ifr?.changes.at(-1)?.effectiveAt).toBe('2025-05-15T00:00:00.000Z');
  });

  it('gives every unconfirmed change a note saying why', () => {
    const silent = loaded.documents.flatMap((document) =>
      document.changes
        .map((change, index) => ({ id: `${document.id}#${index}`, change, inherited: document.confidence }))
        .filter(({ change, inherited }) => (change.confidence ?? inherited) === 'UNCONFIRMED' && !change.note)
        .map(({ id }) => id),
    );
    expect(silent).toEqual([]);
  });
});

describe('loadPolicyDirectory with a correction recorded after its source was published', () => {
  it('loads it in name order, keeps the legal source date, and records it on its recordedOn date', () => {
    const loaded = loadPolicyDirectory(fixture('correction'));
    const correction = loaded.documents[1];
    expect(correction?.source.publishedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(correction?.recordedOn).toBe('2025-03-01T00:00:00.000Z');
    expect(recordDocuments(loaded.documents).map(({ event, recordedAt }) => [event.data.changeId, recordedAt])).toEqual([
      ['2025-01-01-base#0', '2025-01-01T00:00:00.000Z'],
      ['2025-01-01-base#1', '2025-01-01T00:00:00.000Z'],
      ['2025-01-01-base#2', '2025-01-01T00:00:00.000Z'],
      ['2025-03-01-correction#0', '2025-03-01T00:00:00.000Z'],
    ]);
  });

  it('refuses one recorded before a file that sorts earlier, or before a source it cites was published', () => {
    const file = fixture('correction-out-of-order', '2025-03-01-correction.yaml');
    expect(problemsOf(() => loadPolicyDirectory(fixture('correction-out-of-order')))).toEqual([
      `${file}:7:1: recordedOn: recorded before ${fixture('correction-out-of-order', '2025-01-01-base.yaml')}, which sorts earlier: files are recorded in name order, so name each file by its recordedOn date`,
      `${file}:14:41: changes[0].source.publishedAt: published after the file is recorded (2024-12-15): recordedOn cannot precede its sources`,
    ]);
  });
});

describe('loadPolicyDirectory rejects a directory with a bad file, loading nothing', () => {
  it('a value of the wrong type', () => {
    expect(problemsOf(() => loadPolicyDirectory(fixture('wrong-type')))).toEqual([
      `${fixture('wrong-type', '2025-02-01-wrong-type.yaml')}:11:5: changes[0].value: must be a number, got "4800"`,
    ]);
  });

  it('a source without its citation', () => {
    expect(problemsOf(() => loadPolicyDirectory(fixture('missing-citation')))).toEqual([
      `${fixture('missing-citation', '2025-02-01-missing-citation.yaml')}:6:1: source: missing required property 'citation'`,
    ]);
  });

  it('an unknown country code', () => {
    expect(problemsOf(() => loadPolicyDirectory(fixture('unknown-country')))).toEqual([
      `${fixture('unknown-country', '2025-02-01-unknown-country.yaml')}:9:53: changes[1].country: 'XK' is not an ISO 3166-1 alpha-2 country code`,
    ]);
  });

  it('a CEL condition that does not parse, at its line in the file', () => {
    expect(problemsOf(() => loadPolicyDirectory(fixture('cel-syntax-error')))).toEqual([
      `${fixture('cel-syntax-error', '2025-02-01-cel-syntax-error.yaml')}:17:42: changes[0].rule.condition: rule req.demo: condition invalid at line 2, column 34: Unexpected token: EOF`,
    ]);
  });

  it('references to what no earlier file holds, and files out of publication order', () => {
    const file = fixture('bad-references', '2025-02-01-bad-references.yaml');
    expect(problemsOf(() => loadPolicyDirectory(fixture('bad-references')))).toEqual([
      `${fixture('bad-references', '2025-01-01-base.yaml')}:6:37: source.publishedAt: published before ${fixture('bad-references', '2024-12-01-published-out-of-order.yaml')}, which sorts earlier: files are recorded in name order, so name each file by its publication date (a later correction states recordedOn)`,
      `${file}:8:54: changes[0].changeId: no recorded change has id '2025-01-01-base#7'`,
      `${file}:9:51: changes[1].ruleId: rule 'req.never-added' is not in force: it was never added`,
      `${file}:10:59: changes[2].regime: regime 'no-such-regime' is not enacted by the policy or an earlier change`,
      `${file}:14:7: changes[3].rule.id: rule 'req.demo' is already added by 2025-01-01-base#2: use AMEND_RULE`,
      `${file}:29:7: changes[4].rule.condition: reads params["demo.later"], which no change sets effective on or before 2025-02-01`,
      `${file}:28:28: changes[4].rule.cap.parameter: parameter 'demo.cap' is not set by the policy or an earlier change`,
      `${file}:27:26: changes[4].rule.covers[1]: unknown requirement 'req.missing'`,
    ]);
  });

  it('schema faults: an unknown change type, an unconfirmed change without a note, an unknown property', () => {
    const file = fixture('schema-details', '2025-02-01-schema-details.yaml');
    expect(problemsOf(() => loadPolicyDirectory(fixture('schema-details')))).toEqual([
      `${file}:8:7: changes[0].type: unknown change type "RENAME_COUNTRY"`,
      `${file}:9:5: changes[1]: confidence UNCONFIRMED needs a note saying why`,
      `${file}:10:75: changes[2].colour: unknown property 'colour'`,
    ]);
  });

  it('a date not in the calendar and a condition reading an unknown fact', () => {
    const file = fixture('condition-and-date', '2025-02-01-condition-and-date.yaml');
    expect(problemsOf(() => loadPolicyDirectory(fixture('condition-and-date')))).toEqual([
      `${file}:8:28: changes[0].effectiveAt: '2025-02-30' is not a real calendar date`,
      `${file}:15:7: changes[1].rule.condition: rule req.demo: condition invalid at line 1, column 6: references unknown facts: No such key: speed`,
    ]);
  });

  it('a YAML syntax error', () => {
    expect(problemsOf(() => loadPolicyDirectory(fixture('yaml-syntax')))).toEqual([
      `${fixture('yaml-syntax', '2025-01-01-duplicate-key.yaml')}:4:1: Map keys must be unique`,
    ]);
  });

  it('a directory without policy files', () => {
    expect(problemsOf(() => loadPolicyDirectory(fixtures))).toEqual([`${fixtures}:1:1: no policy files (*.yaml) in this directory`]);
  });
});

describe('loadPolicyFile', () => {
  it('loads a good file on its own', () => {
    expect(loadPolicyFile(fixture('wrong-type', '2025-01-01-base.yaml')).changes).toHaveLength(3);
  });

  it('rejects a bad file with the same problems', () => {
    expect(problemsOf(() => loadPolicyFile(fixture('unknown-country', '2025-02-01-unknown-country.yaml')))).toHaveLength(1);
  });
});
