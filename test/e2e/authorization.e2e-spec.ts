// Who may call what (DOMAIN.md "Users", API.md "Authentication"): every operation of the schema
// against every role, no token, an expired token, a token signed with another secret and a token
// whose roles are all unknown. Queries and mutations over HTTP, subscriptions over graphql-ws.
import type { Role } from '#domain';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AppConfig, AuthService } from '../../apps/api/src/platform/index.js';
import { ApiHarness, TEST_SECRET, type GraphQLResponse } from './support/api-harness.js';
import { fictitiousIndiaTier3, indiaShipment } from './support/fixtures.js';

type Identity = Role | 'no token' | 'expired token' | 'wrong secret' | 'no known roles';
type Expected = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED';

const IDENTITIES: Identity[] = ['viewer', 'determiner', 'editor', 'approver', 'admin', 'no token', 'expired token', 'wrong secret', 'no known roles'];

const OK = 'allowed';
const NO = 'FORBIDDEN';
const WHO = 'UNAUTHENTICATED';

const MATRIX: Record<string, Expected[]> = {
  //                     viewer determiner editor approver admin  no token expired wrong secret no known roles
  policy: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  countryStatus: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  countryHistory: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  policyHistory: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  policyDiff: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  evaluate: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  determination: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  determinations: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  replayDetermination: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  verifyAuditTrail: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  issueDetermination: [NO, OK, NO, NO, OK, WHO, WHO, WHO, NO],
  policyChanged: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
  determinationIssued: [OK, OK, OK, OK, OK, WHO, WHO, WHO, NO],
};

const ROWS = Object.entries(MATRIX).flatMap(([operation, expected]) => IDENTITIES.map((identity, i) => [operation, identity, expected[i]!] as const));

/** One document per operation; `$id` is a determination issued before the matrix runs. */
const OPERATIONS: Record<string, { kind: 'http' | 'ws'; query: string; variables?: (id: string, n: number) => Record<string, unknown> }> = {
  policy: { kind: 'http', query: '{ policy(at: { validAt: "2025-06-01" }) { policyId version { stateHash } } }' },
  countryStatus: { kind: 'http', query: '{ countryStatus(country: "IN", at: { validAt: "2025-06-01" }) { country tier } }' },
  countryHistory: { kind: 'http', query: '{ countryHistory(country: "IN") { country periods { tier } } }' },
  policyHistory: { kind: 'http', query: '{ policyHistory(first: 1) { totalCount } }' },
  policyDiff: { kind: 'http', query: '{ policyDiff(from: { validAt: "2025-05-01" }, to: { validAt: "2025-06-01" }) { parts { kind key change } } }' },
  evaluate: {
    kind: 'http',
    query: 'query($input: DeterminationInput!) { evaluate(input: $input, at: { validAt: "2025-06-01" }) { outcome } }',
    variables: () => ({ input: indiaShipment('authz-evaluate') }),
  },
  determination: { kind: 'http', query: 'query($id: ID!) { determination(id: $id) { id } }', variables: (id) => ({ id }) },
  determinations: { kind: 'http', query: '{ determinations(first: 1) { totalCount } }' },
  replayDetermination: { kind: 'http', query: 'query($id: ID!) { replayDetermination(id: $id) { changed } }', variables: (id) => ({ id }) },
  verifyAuditTrail: { kind: 'http', query: '{ verifyAuditTrail { ok } }' },
  issueDetermination: {
    kind: 'http',
    query: 'mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-06-01") { id outcome } }',
    // A consignee of its own per call, so no call draws on another's ledger.
    variables: (_, n) => ({ input: indiaShipment(`authz-issue-${n}`) }),
  },
  policyChanged: { kind: 'ws', query: 'subscription { policyChanged { changeId } }' },
  determinationIssued: { kind: 'ws', query: 'subscription { determinationIssued(destination: "IN") { id } }' },
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('authorization: every operation x every kind of caller', () => {
  let api: ApiHarness;
  let issuedId: string;
  const tokens = new Map<Identity, string | undefined>();
  let calls = 0;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    for (const role of IDENTITIES.slice(0, 5) as Role[]) tokens.set(role, await api.token(role));
    tokens.set('no token', undefined);
    tokens.set('expired token', await api.token('admin', 'e2e-expired', -3600));
    const stranger = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: 'not-the-e2e-secret-but-at-least-32-characters' }));
    tokens.set('wrong secret', await stranger.mint({ id: 'mallory', roles: ['admin'] }, 600));
    const sameSecret = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: TEST_SECRET }));
    tokens.set('no known roles', await sameSecret.mint({ id: 'e2e-nobody', roles: ['superuser' as Role] }, 600));

    issuedId = (
      await api.data(
        'mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-06-01") { id } }',
        { input: indiaShipment('authz-fixture') },
        'determiner',
      )
    ).issueDetermination.id;
  });
  afterAll(async () => {
    await api?.stop();
  });

  /** Something that makes each subscription emit: a determination to India, or a (far-future, fictitious) policy change. */
  const triggers: Record<string, () => Promise<unknown>> = {
    determinationIssued: () =>
      api.data(
        'mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-06-01") { id } }',
        { input: indiaShipment(`authz-trigger-${++calls}`) },
        'admin',
      ),
    policyChanged: () => {
      const day = new Date(Date.UTC(2090, 0, 1 + ++calls)).toISOString().slice(0, 10);
      return api.importPolicy([fictitiousIndiaTier3(day)]);
    },
  };

  /**
   * Starts the subscription and returns its first message, data or errors. graphql-ws does not
   * acknowledge a subscription, so until something arrives the trigger fires again every 150 ms
   * (an event published before the server registered the subscription is not delivered).
   */
  async function firstMessage(operation: string, token: string | undefined): Promise<GraphQLResponse> {
    const client = createClient({
      url: api.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    let received: GraphQLResponse | undefined;
    const message = new Promise<GraphQLResponse>((resolve) => {
      client.subscribe(
        { query: OPERATIONS[operation]!.query },
        {
          next: (value) => resolve(value as GraphQLResponse),
          error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String((error as { reason?: string }).reason ?? error) }] }),
          complete: () => resolve({}),
        },
      );
    }).then((value) => (received = value));
    try {
      const deadline = Date.now() + 10_000;
      while (received === undefined && Date.now() < deadline) {
        await Promise.race([message, delay(150)]);
        if (received === undefined) await triggers[operation]!();
      }
      if (received === undefined) throw new Error(`${operation}: no message within 10 s`);
      return received;
    } finally {
      await client.dispose();
    }
  }

  async function call(operation: string, identity: Identity): Promise<GraphQLResponse> {
    const token = tokens.get(identity);
    const { kind, query, variables } = OPERATIONS[operation]!;
    if (kind === 'ws') return firstMessage(operation, token);
    return api.gql(query, variables?.(issuedId, ++calls) ?? {}, token === undefined ? null : { token });
  }

  it.each(ROWS)('%s as %s: %s', async (operation, identity, expected) => {
    const response = await call(operation, identity);
    if (expected === 'allowed') {
      expect(response.errors).toBeUndefined();
      expect(response.data?.[operation]).toBeTruthy();
    } else {
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual([expected]);
      // Nothing of the answer leaks alongside the refusal.
      expect(response.data?.[operation] ?? null).toBeNull();
    }
  });

  it('recorded no determination for a refused issueDetermination', async () => {
    const issuers = async () => {
      const listed = await api.data('{ determinations(first: 500) { nodes { issuedBy } } }', {}, 'viewer');
      return [...new Set<string>(listed.determinations.nodes.map((node: { issuedBy: string }) => node.issuedBy))].sort();
    };
    // The listing is eventually consistent: poll (with a deadline) until the allowed callers' determinations show.
    const deadline = Date.now() + 5000;
    let seen = await issuers();
    while (seen.length < 2 && Date.now() < deadline) {
      await delay(50);
      seen = await issuers();
    }
    expect(seen).toEqual(['e2e-admin', 'e2e-determiner']);
  });
});
