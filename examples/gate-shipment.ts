/**
 * An ERP integration with Policy Ledger, typed end to end by the client package:
 * 1. gate a shipment: a dry run tells whether it may ship and under which exception;
 * 2. record the ruling of record, idempotently keyed by the order number;
 * 3. follow the feed of recorded rulings from a stored checkpoint (catching up after downtime).
 *
 *   POLICY_LEDGER_URL=http://localhost:3000/graphql POLICY_LEDGER_TOKEN=<determiner token> \
 *     node --import ./test/support/ts-hooks/register-ts.mjs examples/gate-shipment.ts
 * (the repository's TypeScript loader; the end-to-end tests run it against a started API).
 */
import WebSocket from 'ws';
import { PolicyLedgerClient, type Determination, type DeterminationInput } from '../packages/client/src/index.js';

export interface Order {
  number: string;
  shipOn: string;
  input: DeterminationInput;
}

export interface GateDecision {
  order: string;
  /** Ship now (no license, or under a license exception), or hold for a license application. */
  action: 'SHIP' | 'HOLD_FOR_LICENSE';
  exceptions: string[];
  /** The determination of record, filed with the shipment. */
  determinationId: string;
  position: number;
  /** The legal sources the ruling relied on. */
  citations: string[];
  /** What the ruling draws from capped exceptions (e.g. LPP) and what is left of each cap for the consignee this year. */
  draws: { ledger: string; amount: number; remaining: number }[];
}

/** Steps 1 and 2 for one order. */
export async function gateShipment(client: PolicyLedgerClient, order: Order): Promise<GateDecision> {
  const dryRun = await client.evaluate(order.input, { validAt: order.shipOn });
  const ruling: Determination = await client.issueDetermination(order.input, { validAt: order.shipOn, commandId: `erp-order-${order.number}` });
  if (ruling.outcome !== dryRun.outcome) throw new Error(`order ${order.number}: the policy changed between the dry run and the ruling`);
  const recorded = await client.determination(ruling.id);
  if (recorded?.id !== ruling.id) throw new Error(`order ${order.number}: the ruling ${ruling.id} cannot be read back`);
  if (recorded.givenInput.reference !== (order.input.reference ?? null))
    throw new Error(`order ${order.number}: the ruling ${ruling.id} was asked for another order`);
  return {
    order: order.number,
    action: ruling.outcome === 'LICENSE_REQUIRED' ? 'HOLD_FOR_LICENSE' : 'SHIP',
    exceptions: ruling.exceptions,
    determinationId: ruling.id,
    position: ruling.position,
    citations: ruling.trace.filter((entry) => entry.matched).map((entry) => entry.citation),
    draws: ruling.draws.map(({ ledger, amount, usedBefore, cap }) => ({ ledger, amount, remaining: cap - usedBefore - amount })),
  };
}

/** Step 3: the rulings recorded after `checkpoint` (by anyone), up to `count`; returns them and the new checkpoint. */
export async function catchUp(client: PolicyLedgerClient, checkpoint: number, count: number): Promise<{ rulings: Determination[]; checkpoint: number }> {
  const rulings: Determination[] = [];
  const done = new AbortController();
  let position = checkpoint;
  await client.followDeterminations(
    checkpoint,
    (ruling) => {
      rulings.push(ruling);
      position = ruling.position;
      if (rulings.length >= count) done.abort();
    },
    done.signal,
  );
  return { rulings, checkpoint: position };
}

const h100Order: Order = {
  number: 'PO-4711',
  shipOn: '2025-06-01',
  input: {
    destination: 'IN',
    consignee: { id: 'acme-in', name: 'Acme India Pvt Ltd', country: 'IN', headquarters: 'IN' },
    items: [{ kind: 'INTEGRATED_CIRCUIT', description: 'H100-class accelerator', tpp: 15_831, performanceDensity: 19.4, quantity: 200 }],
    reference: 'PO-4711',
  },
};

async function main(): Promise<void> {
  const url = process.env.POLICY_LEDGER_URL ?? 'http://localhost:3000/graphql';
  const token = process.env.POLICY_LEDGER_TOKEN;
  if (!token) throw new Error('Set POLICY_LEDGER_TOKEN to a determiner token (printed by the API at start)');
  const client = new PolicyLedgerClient({ url, token, webSocketImpl: WebSocket });
  const decision = await gateShipment(client, h100Order);
  console.log(JSON.stringify(decision, null, 2));
  const { rulings, checkpoint } = await catchUp(client, Math.max(0, decision.position - 1), 1);
  console.log(`followed ${rulings.length} ruling(s); store checkpoint ${checkpoint}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
