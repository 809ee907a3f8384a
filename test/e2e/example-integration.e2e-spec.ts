import WebSocket from 'ws';
import { catchUp, gateShipment, type Order } from '../../examples/gate-shipment.js';
import { PolicyLedgerClient, PolicyLedgerError } from '../../packages/client/src/index.js';
import { ApiHarness } from './support/api-harness.js';
import { H100_TPP, indiaShipment } from './support/fixtures.js';

/** The LPP cap of the golden policy in 2025: 26,900,000 TPP per consignee and calendar year. */
const LPP_CAP = 26_900_000;

describe('the example integration (examples/gate-shipment.ts) against the started app, through the typed client', () => {
  let api: ApiHarness;
  let client: PolicyLedgerClient;
  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    client = new PolicyLedgerClient({ url: api.url, token: () => api.token('determiner'), webSocketImpl: WebSocket });
  });
  afterAll(() => api.stop());

  const order: Order = { number: 'PO-E2E-1', shipOn: '2025-06-01', input: indiaShipment('example-erp', 200) };

  it('gates a shipment: ships under LPP, with the ruling of record and its citations', async () => {
    const decision = await gateShipment(client, order);
    expect(decision).toMatchObject({ order: 'PO-E2E-1', action: 'SHIP', exceptions: ['LPP'] });
    expect(decision.citations.length).toBeGreaterThan(0);
    expect(decision.draws).toEqual([{ ledger: 'LPP', amount: 200 * H100_TPP, remaining: LPP_CAP - 200 * H100_TPP }]);
    expect(client.lastWritePosition).toBe(decision.position);
    // Running the same order again (an ERP retry) returns the same ruling, recorded once.
    expect((await gateShipment(client, order)).determinationId).toBe(decision.determinationId);
  });

  it('holds a shipment that needs a license', async () => {
    const china: Order = {
      number: 'PO-E2E-2',
      shipOn: '2025-06-01',
      input: { ...indiaShipment('example-cn', 10), destination: 'CN', consignee: { id: 'example-cn', country: 'CN', headquarters: 'CN' } },
    };
    expect(await gateShipment(client, china)).toMatchObject({ action: 'HOLD_FOR_LICENSE', exceptions: [] });
  });

  it('follows the feed from a stored checkpoint: the rulings recorded after it, in order', async () => {
    const first = await gateShipment(client, { ...order, number: 'PO-E2E-3', input: indiaShipment('example-feed-1', 5) });
    const second = await gateShipment(client, { ...order, number: 'PO-E2E-4', input: indiaShipment('example-feed-2', 5) });
    const { rulings, checkpoint } = await catchUp(client, first.position, 1);
    expect(rulings.map((ruling) => ruling.id)).toEqual([second.determinationId]);
    expect(checkpoint).toBe(second.position);
  });

  it('reports a refused call as a typed, non-retryable error with its code', async () => {
    const viewer = new PolicyLedgerClient({ url: api.url, token: await api.token('viewer') });
    const refused = await viewer.issueDetermination(order.input).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PolicyLedgerError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', retryable: false });
  });
});
