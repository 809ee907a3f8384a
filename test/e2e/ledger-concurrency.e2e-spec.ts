// The LPP ledger under contention: 100 determinations for one consignee issued at once can
// together never draw more than the cap, and the ledger as stored agrees with what was answered.
import { ledgerStream } from '#determinations';
import { ApiHarness, type StoreUnderTest } from './support/api-harness.js';
import { DETERMINATION_FIELDS, H100_TPP, indiaShipment } from './support/fixtures.js';
import { eventually } from './support/eventually.js';

const CALLS = 100;
const QUANTITY = 200;
const CAP = 26_900_000; // LPP: TPP per consignee per calendar year
const DRAW = H100_TPP * QUANTITY; // 3,166,200
const WITHIN_CAP = Math.floor(CAP / DRAW); // 8

const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime, $commandId: ID) {
  issueDetermination(input: $input, validAt: $validAt, commandId: $commandId) { ${DETERMINATION_FIELDS} }
}`;
const EVALUATE = 'query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) { outcome exceptions ledgerDraws facts } }';
const LIST = `query($filter: DeterminationFilter) {
  determinations(filter: $filter, first: 200) { totalCount nodes { id outcome exceptions ledgerDraws ledger } }
}`;

interface Draw {
  ledger: string;
  amount: number;
  usedBefore: number;
  cap: number;
}
interface Issued {
  id: string;
  outcome: string;
  exceptions: string[];
  ledgerDraws: Draw[];
  ledger: Record<string, number>;
}

const sumOfDraws = (determinations: Issued[]) => determinations.flatMap((d) => d.ledgerDraws).reduce((sum, draw) => sum + draw.amount, 0);

// Both stores: on this 2-core machine the EventStoreDB stand-in takes a few seconds for the 100
// calls (retries included), well under the 30 s budget.
describe.each<StoreUnderTest>(['sqlite', 'eventstoredb-standin'])('the LPP ledger over %s', (store) => {
  let api: ApiHarness;
  const consignee = `contended-${store}`;
  let results: Array<{ data?: { issueDetermination: Issued } | null; errors?: unknown[] }>;
  let issued: Issued[];

  beforeAll(async () => {
    api = await ApiHarness.start(store);
    const token = await api.token('determiner');
    const input = indiaShipment(consignee, QUANTITY);
    // Plain fetch, all in flight together: no client-side queueing between the calls.
    results = await Promise.all(
      Array.from({ length: CALLS }, async (_, i) => {
        const response = await fetch(api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: ISSUE, variables: { input, validAt: '2025-06-01', commandId: `contended-${i}` } }),
        });
        return (await response.json()) as { data?: { issueDetermination: Issued } | null; errors?: unknown[] };
      }),
    );
    issued = results.flatMap((result) => (result.data?.issueDetermination ? [result.data.issueDetermination] : []));
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('answers every call without error, each with its own determination', () => {
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(issued).toHaveLength(CALLS);
    expect(new Set(issued.map((d) => d.id)).size).toBe(CALLS);
  });

  it(`grants LPP to exactly floor(${CAP} / ${DRAW}) = ${WITHIN_CAP} and requires a license for the rest`, () => {
    const excepted = issued.filter((d) => d.outcome === 'LICENSE_EXCEPTION');
    const required = issued.filter((d) => d.outcome === 'LICENSE_REQUIRED');
    expect(excepted).toHaveLength(WITHIN_CAP);
    expect(required).toHaveLength(CALLS - WITHIN_CAP);
    for (const d of excepted) {
      expect(d.exceptions).toEqual(['LPP']);
      expect(d.ledgerDraws).toEqual([expect.objectContaining({ ledger: 'LPP', amount: DRAW, cap: CAP })]);
    }
    for (const d of required) expect(d.ledgerDraws).toEqual([]);
  });

  it('draws no more than the cap in total, and each draw saw every draw before it', () => {
    expect(sumOfDraws(issued)).toBeLessThanOrEqual(CAP);
    expect(sumOfDraws(issued)).toBe(WITHIN_CAP * DRAW);
    // Serialised draws: the figures each one read are 0, DRAW, 2*DRAW, … with none repeated.
    const before = issued.flatMap((d) => d.ledgerDraws.map((draw) => draw.usedBefore)).sort((a, b) => a - b);
    expect(before).toEqual(Array.from({ length: WITHIN_CAP }, (_, i) => i * DRAW));
    // Each answer states the year-to-date figure it was decided on; the refusals saw the full ledger.
    for (const d of issued.filter((x) => x.outcome === 'LICENSE_REQUIRED')) expect(d.ledger).toEqual({ LPP: WITHIN_CAP * DRAW });
  });

  it('stores what it answered: the read model lists the same 100 determinations and draws', async () => {
    const listed = await eventually(
      () => api.data(LIST, { filter: { consignee } }, 'viewer'),
      (d) => d.determinations.totalCount === CALLS,
    );
    expect(listed.determinations.totalCount).toBe(CALLS);
    const nodes = listed.determinations.nodes as Issued[];
    expect(nodes.map((d) => d.id).sort()).toEqual(issued.map((d) => d.id).sort());
    expect(nodes.filter((d) => d.outcome === 'LICENSE_EXCEPTION')).toHaveLength(WITHIN_CAP);
    expect(sumOfDraws(nodes)).toBe(sumOfDraws(issued));
  });

  it('a 101st request reads the ledger as full: evaluate sees no room for LPP, and the next issue is refused it', async () => {
    const input = indiaShipment(consignee, QUANTITY);
    const evaluated = (await api.data(EVALUATE, { input, at: { validAt: '2025-06-01' } }, 'viewer')).evaluate;
    expect(evaluated).toMatchObject({ outcome: 'LICENSE_REQUIRED', exceptions: [], ledgerDraws: [] });
    const next = (await api.data(ISSUE, { input, validAt: '2025-06-01', commandId: 'after-the-rush' }, 'determiner')).issueDetermination as Issued;
    expect(next).toMatchObject({ outcome: 'LICENSE_REQUIRED', ledger: { LPP: WITHIN_CAP * DRAW }, ledgerDraws: [] });
    // Room is per consignee: another consignee still gets LPP.
    const other = (await api.data(EVALUATE, { input: indiaShipment(`${consignee}-other`, QUANTITY), at: { validAt: '2025-06-01' } }, 'viewer')).evaluate;
    expect(other).toMatchObject({ outcome: 'LICENSE_EXCEPTION', exceptions: ['LPP'] });
  });

  it('stores exactly the granted draws in the ledger stream (the refusals drew nothing), hash chains intact', async () => {
    const query = 'query($stream: String) { verifyAuditTrail(stream: $stream) { ok streamsChecked eventsChecked firstBrokenAt } }';
    const ledger = await api.data(query, { stream: ledgerStream('LPP', consignee, 2025) }, 'viewer');
    expect(ledger.verifyAuditTrail).toEqual({ ok: true, streamsChecked: 1, eventsChecked: WITHIN_CAP, firstBrokenAt: null });
    const everything = await api.data(query, {}, 'viewer');
    expect(everything.verifyAuditTrail).toMatchObject({ ok: true, firstBrokenAt: null });
  });
});

describe('a determination whose items draw on the same ledger twice', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
  });
  afterAll(() => api.stop());

  it('records the sum of its draws, so the next determination sees it', async () => {
    const basket = indiaShipment('two-items', 200);
    basket.items = [basket.items[0], { ...basket.items[0], quantity: 100 }];
    const issue = `mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-06-01") { outcome ledgerDraws } }`;
    const first = (await api.data(issue, { input: basket }, 'determiner')).issueDetermination;
    expect(first.outcome).toBe('LICENSE_EXCEPTION');
    const next = (await api.data(issue, { input: indiaShipment('two-items', 1) }, 'determiner')).issueDetermination;
    expect(next.ledgerDraws[0].usedBefore).toBe(300 * 15_831);
  });
});
