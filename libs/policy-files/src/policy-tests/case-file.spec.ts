import { readCaseFile } from './case-file.js';

const H100 = '{ kind: INTEGRATED_CIRCUIT, tpp: 15831, performanceDensity: 19.4, quantity: 400 }';

describe('readCaseFile', () => {
  it('reads cases with merged anchors, dates as instants, and where each case starts', () => {
    const text = [
      'consignees:',
      '  in: &in { id: in-1, country: IN, headquarters: IN }',
      'cases:',
      '  - name: first',
      '    validAt: 2025-06-01',
      '    publishedBy: 2025-05-12',
      `    input: { destination: IN, consignee: { <<: *in, name: Acme }, items: [${H100}] }`,
      '    expect: { outcome: LICENSE_EXCEPTION }',
      '    reason: why',
    ].join('\n');
    const { cases, problems } = readCaseFile('cases.yaml', text);
    expect(problems).toEqual([]);
    expect(cases).toEqual([
      {
        file: 'cases.yaml',
        line: 4,
        name: 'first',
        validAt: '2025-06-01T00:00:00.000Z',
        publishedBy: '2025-05-12T00:00:00.000Z',
        input: expect.objectContaining({ consignee: { id: 'in-1', country: 'IN', headquarters: 'IN', name: 'Acme' } }),
        expect: { outcome: 'LICENSE_EXCEPTION' },
        reason: 'why',
      },
    ]);
  });

  it('reports every problem with its line: a misspelt field, a missing one, a bad date, a duplicate name', () => {
    const text = [
      'cases:',
      '  - name: a',
      '    validAt: 2025-06-31',
      '    input: {}',
      '    expects: { outcome: LICENSE_REQUIRED }',
      '    reason: r',
      '  - name: a',
      '    validAt: 2025-06-01',
      '    input: {}',
      '    expect: { outcome: LICENSE_REQUIRED }',
      '    reason: r',
    ].join('\n');
    const { cases, problems } = readCaseFile('bad.yaml', text);
    expect(cases).toEqual([]);
    expect(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.reason}`)).toEqual([
      "bad.yaml:5: unknown field 'expects' (a case has name, validAt, input, expect, reason, knownAt, publishedBy, ledger)",
      "bad.yaml:2: case 'a' has no expect",
      "bad.yaml:3: '2025-06-31' is not an ISO 8601 date or date-time with an offset",
      "bad.yaml:7: duplicate case name 'a'",
    ]);
  });

  it('refuses a file without a cases list, and YAML that does not parse', () => {
    expect(readCaseFile('x.yaml', 'items: []').problems.map((problem) => problem.reason)).toEqual([
      'a case file is a mapping with a list of cases under `cases`',
    ]);
    expect(readCaseFile('x.yaml', 'cases: [').problems).toHaveLength(1);
  });
});
