// Bad input of every kind is refused with BAD_USER_INPUT (API.md "Errors") naming the offending
// field path in `extensions.fields`, or with the depth/complexity limit error
// (apps/api/src/platform/graphql/, defaults GRAPHQL_MAX_DEPTH=12 and GRAPHQL_MAX_COMPLEXITY=2000);
// no error shows a stack trace, a file path or an internal message; and the server keeps serving.
import type { Role } from '#domain';
import { ApiHarness, type GraphQLResponse } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';

const EVALUATE = 'query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) { outcome } }';
const ISSUE = 'mutation($input: DeterminationInput!, $validAt: DateTime) { issueDetermination(input: $input, validAt: $validAt) { id outcome } }';
const JUNE = { validAt: '2025-06-01' };

const shipment = indiaShipment('bad-input');
const item = shipment.items[0]!;
const withItem = (changes: Record<string, unknown>) => ({ ...shipment, items: [{ ...item, ...changes }] });
/** A valid DeterminationInput written in the document rather than sent as a variable. */
const inDocument =
  '{ destination: "IN", consignee: { id: "bad-input", country: "IN", headquarters: "IN" }, items: [{ kind: INTEGRATED_CIRCUIT, tpp: 15831, quantity: 200 }] }';

/** `{ __schema { types { fields { type { fields … { name } } } } } }`: `levels` fields deep. */
function introspectionOfDepth(levels: number): string {
  const inner = ['fields', 'type'];
  let selection = 'name';
  for (let level = levels - 1; level > 2; level--) selection = `${inner[(level - 3) % 2]} { ${selection} }`;
  return `{ __schema { types { ${selection} } } }`;
}

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  as?: Role;
  /** The field paths `extensions.fields` must name; a limit error names none. */
  fields?: string[];
  /** For the depth and complexity limits: the extensions they add. */
  limit?: Record<string, number>;
}

const CASES: Case[] = [
  // Country codes.
  {
    name: 'destination "XX" (well-formed, not an ISO 3166-1 code)',
    query: EVALUATE,
    variables: { input: { ...shipment, destination: 'XX' }, at: JUNE },
    fields: ['input.destination'],
  },
  {
    name: 'destination "XX" on issueDetermination',
    query: ISSUE,
    as: 'determiner',
    variables: { input: { ...shipment, destination: 'XX' }, validAt: '2025-06-01' },
    fields: ['input.destination'],
  },
  { name: 'destination "usa"', query: EVALUATE, variables: { input: { ...shipment, destination: 'usa' }, at: JUNE }, fields: ['input.destination'] },
  {
    name: 'consignee.country "1A"',
    query: EVALUATE,
    variables: { input: { ...shipment, consignee: { ...shipment.consignee, country: '1A' } }, at: JUNE },
    fields: ['input.consignee.country'],
  },
  { name: 'countryStatus(country: "XX")', query: '{ countryStatus(country: "XX") { tier } }', fields: ['country'] },
  {
    name: 'determinations(filter: { destination: "usa" })',
    query: '{ determinations(filter: { destination: "usa" }) { totalCount } }',
    fields: ['filter.destination'],
  },
  // Numbers.
  { name: 'a negative quantity', query: EVALUATE, variables: { input: withItem({ quantity: -200 }), at: JUNE }, fields: ['input.items.0.quantity'] },
  { name: 'a negative tpp', query: EVALUATE, variables: { input: withItem({ tpp: -15_831 }), at: JUNE }, fields: ['input.items.0.tpp'] },
  { name: 'a fractional quantity', query: EVALUATE, variables: { input: withItem({ quantity: 1.5 }), at: JUNE }, fields: ['input.items.0.quantity'] },
  {
    name: 'a fractional quantity of the second item, written in the document',
    query: `{ evaluate(input: ${inDocument.replace('}] }', '}, { kind: INTEGRATED_CIRCUIT, quantity: 1.5 }] }')}) { outcome } }`,
    fields: ['input.items.1.quantity'],
  },
  // Dates.
  { name: 'validAt "2025-13-01"', query: EVALUATE, variables: { input: shipment, at: { validAt: '2025-13-01' } }, fields: ['at.validAt'] },
  {
    name: 'validAt "yesterday" on issueDetermination',
    query: ISSUE,
    as: 'determiner',
    variables: { input: shipment, validAt: 'yesterday' },
    fields: ['validAt'],
  },
  {
    name: 'knownAt "2025-06-01T10:00" (no offset)',
    query: EVALUATE,
    variables: { input: shipment, at: { knownAt: '2025-06-01T10:00' } },
    fields: ['at.knownAt'],
  },
  {
    name: 'policyHistory validFrom "yesterday"',
    query: 'query($validFrom: DateTime) { policyHistory(validFrom: $validFrom) { totalCount } }',
    variables: { validFrom: 'yesterday' },
    fields: ['validFrom'],
  },
  {
    name: 'validAt "2025-13-01" written in the document',
    query: '{ countryStatus(country: "IN", at: { validAt: "2025-13-01" }) { tier } }',
    fields: ['at.validAt'],
  },
  {
    name: 'validAt "yesterday" written in the document on issueDetermination',
    query: `mutation { issueDetermination(input: ${inDocument}, validAt: "yesterday") { id } }`,
    as: 'determiner',
    fields: ['validAt'],
  },
  {
    name: 'a bad default value of a variable',
    query: 'query($at: PolicyCoordinates = { validAt: "2025-13-01" }) { countryStatus(country: "IN", at: $at) { tier } }',
    fields: ['at.validAt'],
  },
  // Oversized lists.
  {
    name: '1001 items',
    query: EVALUATE,
    variables: { input: { ...shipment, items: Array.from({ length: 1001 }, () => item) }, at: JUNE },
    fields: ['input.items'],
  },
  { name: 'no items', query: EVALUATE, variables: { input: { ...shipment, items: [] }, at: JUNE }, fields: ['input.items'] },
  {
    name: 'withAmendments with 21 ids',
    query: EVALUATE,
    variables: { input: shipment, at: { withAmendments: Array.from({ length: 21 }, (_, i) => `amendment-${i}`) } },
    fields: ['at.withAmendments'],
  },
  // Unknown fields and values.
  { name: 'an unknown field selected', query: '{ policy { policyId noSuchField } }', fields: ['noSuchField'] },
  { name: 'an unknown argument', query: '{ policy(asOf: "2025-06-01") { policyId } }', fields: ['asOf'] },
  { name: 'an unknown ItemKind', query: EVALUATE, variables: { input: withItem({ kind: 'TOASTER' }), at: JUNE }, fields: ['input.items.0.kind'] },
  { name: 'an unknown field in DeterminationInput', query: EVALUATE, variables: { input: { ...shipment, colour: 'red' }, at: JUNE }, fields: ['input.colour'] },
  { name: 'an unknown field in an item', query: EVALUATE, variables: { input: withItem({ colour: 'red' }), at: JUNE }, fields: ['input.items.0.colour'] },
  {
    name: 'an unknown field in an item written in the document',
    query: `{ evaluate(input: ${inDocument.replace('quantity: 200', 'colour: "red"')}) { outcome } }`,
    fields: ['input.items.0.colour'],
  },
  {
    name: 'a required field missing from an object written in the document',
    query: `{ evaluate(input: ${inDocument.replace(', headquarters: "IN"', '')}) { outcome } }`,
    fields: ['input.consignee.headquarters'],
  },
  { name: 'a cursor this API never returned', query: '{ determinations(after: "not-a-cursor") { totalCount } }', fields: ['after'] },
  // Page sizes.
  { name: 'determinations(first: 0)', query: '{ determinations(first: 0) { totalCount } }', fields: ['first'] },
  {
    name: 'determinations(first: $n) with 10000',
    query: 'query($n: Int) { determinations(first: $n) { totalCount } }',
    variables: { n: 10_000 },
    fields: ['first'],
  },
  {
    name: 'determinations(first: 10000) written in the document (over the complexity limit)',
    query: '{ determinations(first: 10000) { totalCount } }',
    limit: { limit: 2000, complexity: 20_000 },
  },
  { name: 'policyHistory(first: 0)', query: '{ policyHistory(first: 0) { totalCount } }', fields: ['first'] },
  // Shape of the document.
  { name: 'a query 13 fields deep (limit 12)', query: introspectionOfDepth(13), limit: { limit: 12, depth: 13 } },
  {
    name: 'a query of complexity 4000 (limit 2000): 500 determinations with their traces',
    query: '{ determinations(first: 500) { nodes { trace { ruleId kind matched citation explanation } } } }',
    limit: { limit: 2000, complexity: 4000 },
  },
  { name: 'a syntax error', query: '{ policy { policyId }', fields: [] },
];

/** What must never reach a client: stack frames, file paths, and messages of internal failures. */
const LEAKS: RegExp[] = [
  /\bat \S+ \(/, // "at fn (file:line:col)"
  /\n\s*at /,
  /\/(?:work|home|usr|tmp|app|src|node_modules)\//,
  /\.[cm]?[jt]s:\d+/,
  /\b(?:TypeError|ReferenceError|SqliteError|SQLITE_\w+)\b/,
  /Cannot read propert/,
  /Internal server error/i,
];

function leaksIn(response: GraphQLResponse): string[] {
  const text = JSON.stringify(response);
  const found = LEAKS.filter((pattern) => pattern.test(text)).map(String);
  for (const error of response.errors ?? []) {
    for (const key of ['stacktrace', 'stack', 'exception', 'originalError']) {
      if (error.extensions && key in error.extensions) found.push(`extensions.${key}`);
    }
  }
  return found;
}

describe('bad input', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const send = (c: Case) => api.gql(c.query, c.variables ?? {}, c.as ?? 'viewer');

  describe('is refused with BAD_USER_INPUT naming the field, and nothing internal', () => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const response = await send(c);

      expect(response.errors?.length).toBeGreaterThan(0);
      expect(response.errors!.map((error) => error.extensions?.code)).toEqual(response.errors!.map(() => 'BAD_USER_INPUT'));
      expect(Object.values(response.data ?? {}).filter((value) => value !== null)).toEqual([]);
      expect(leaksIn(response)).toEqual([]);
      const [first] = response.errors!;
      if (c.limit) expect(first!.extensions).toMatchObject({ ...c.limit, fields: [] });
      else expect(first!.extensions?.fields).toEqual(c.fields);
    });

    // The server compiles a query it has seen before (graphql-jit): the same document with other
    // bad variables, after the cases above sent EVALUATE many times, is answered the same way.
    it('the same when the query has been compiled', async () => {
      const response = await api.gql(EVALUATE, { input: withItem({ kind: 'TOASTER' }), at: JUNE }, 'viewer');

      expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fields: ['input.items.0.kind'] }]);
    });

    it('a required variable when the request has no `variables` at all (also once compiled)', async () => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await api.token('viewer')}` };
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await fetch(api.url, { method: 'POST', headers, body: JSON.stringify({ query: EVALUATE }) });
        const body = (await response.json()) as GraphQLResponse;

        expect(response.status).toBe(400);
        expect(body.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fields: ['input'] }]);
        // Compiling happens after a response, off the request path: give it that turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  });

  describe('afterwards', () => {
    it('recorded no determination from a refused issueDetermination', async () => {
      const listed = await api.data('{ determinations(first: 10) { totalCount } }', {}, 'viewer');
      expect(listed.determinations.totalCount).toBe(0);
    });

    it('keeps serving: a normal evaluate and a normal issue succeed', async () => {
      const evaluated = await api.data(EVALUATE, { input: shipment, at: JUNE }, 'viewer');
      expect(evaluated.evaluate).toEqual({ outcome: 'LICENSE_EXCEPTION' });
      const issued = await api.data(ISSUE, { input: shipment, validAt: '2025-06-01' }, 'determiner');
      expect(issued.issueDetermination).toMatchObject({ outcome: 'LICENSE_EXCEPTION' });
    });

    it('logged no internal error for any of them', () => {
      expect(api.output()).not.toMatch(/Unexpected error|"level":(?:50|60)/);
    });
  });
});
