import { SignJWT } from 'jose';
import { ApiHarness, TEST_SECRET } from '../e2e/support/api-harness.js';
import { indiaShipment } from '../e2e/support/fixtures.js';
import { pdfToText, squeezed } from './pdf-text.js';

const ISSUE = `mutation($input: DeterminationInput!, $commandId: ID) {
  issueDetermination(input: $input, validAt: "2025-06-01", commandId: $commandId) {
    id outcome trace { citation matched } policyVersion { stateHash } receipt
  }
}`;

const origin = (api: ApiHarness) => api.url.replace(/\/graphql$/, '');

describe('the console and the memo export, served by the API', () => {
  let api: ApiHarness;
  let ruling: {
    id: string;
    outcome: string;
    trace: Array<{ citation: string; matched: boolean }>;
    policyVersion: { stateHash: string };
    receipt: { leafHash: string };
  };

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    ruling = (await api.data(ISSUE, { input: indiaShipment('memo-export'), commandId: 'memo-export-1' }, 'determiner')).issueDetermination;
  });
  afterAll(async () => {
    await api.stop();
  });

  describe('/console', () => {
    it('serves the one page for every console path, with a strict policy and no data in it', async () => {
      for (const path of ['/console', '/console/rulings', `/console/rulings/${ruling.id}`, '/console/law/countries/KH']) {
        const response = await fetch(`${origin(api)}${path}`);
        const html = await response.text();

        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(html).toContain('<div id="app"></div>');
        expect(html).not.toContain(ruling.policyVersion.stateHash);
      }
    });

    it('serves its hashed assets for a year, and nothing that is not there', async () => {
      const html = await (await fetch(`${origin(api)}/console/rulings`)).text();
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1];

      const asset = await fetch(`${origin(api)}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${origin(api)}/console/assets/missing.js`)).status).toBe(404);
    });

    it('offers a pasted token, and no development sign-in, when tokens are signed with AUTH_JWT_SECRET', async () => {
      const options = await (await fetch(`${origin(api)}/console/api/sign-in-options`)).json();
      const refused = await fetch(`${origin(api)}/console/api/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"role":"admin"}',
      });

      expect(options).toEqual({ pasteToken: true });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('GET /reports/determinations/:id.pdf', () => {
    it("is a PDF whose text holds the outcome, every citation of the trace, the state hash and the receipt's leaf hash", async () => {
      const response = await fetch(`${origin(api)}/reports/determinations/${ruling.id}.pdf`, {
        headers: { authorization: `Bearer ${await api.token('viewer')}` },
      });
      const pdf = Buffer.from(await response.arrayBuffer());

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = squeezed(pdfToText(pdf));
      expect(ruling.outcome).toBe('LICENSE_EXCEPTION');
      expect(text).toContain(squeezed('No license needed: a license exception applies'));
      expect(ruling.trace.length).toBeGreaterThan(3);
      for (const { citation } of ruling.trace) expect(text).toContain(squeezed(citation));
      expect(text).toContain(ruling.policyVersion.stateHash);
      expect(ruling.receipt.leafHash).toMatch(/^[0-9a-f]{64}$/);
      expect(text).toContain(ruling.receipt.leafHash);
      expect(text).toContain(squeezed('it is not legal advice'));
    });
  });

  describe('GET /reports/determinations/:id', () => {
    it('is a self-contained HTML memo with the same content, dates in the reader’s language with the ISO date beside', async () => {
      const response = await fetch(`${origin(api)}/reports/determinations/${ruling.id}`, {
        headers: { authorization: `Bearer ${await api.token('viewer')}`, 'accept-language': 'fr-FR,fr;q=0.9' },
      });
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(html).toContain('No license needed: a license exception applies');
      expect(html).toContain(ruling.policyVersion.stateHash);
      expect(html).toContain(ruling.receipt.leafHash);
      expect(html).toContain('1 juin 2025 (2025-06-01)');
      expect(html).not.toMatch(/<script/i);
    });

    it('is authorised like determination(id): no token 401, no role 403, unknown id 404', async () => {
      const url = `${origin(api)}/reports/determinations/${ruling.id}`;
      const noRole = await new SignJWT({ roles: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('nobody')
        .setExpirationTime('1m')
        .sign(new TextEncoder().encode(TEST_SECRET));

      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(`${url}.pdf`, { headers: { authorization: `Bearer ${noRole}` } })).status).toBe(403);
      const missing = await fetch(`${origin(api)}/reports/determinations/no-such-ruling.pdf`, {
        headers: { authorization: `Bearer ${await api.token('viewer')}` },
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('sends a browser without a token to the console page of that ruling, which signs in first', async () => {
      const response = await fetch(`${origin(api)}/reports/determinations/${ruling.id}.pdf`, { headers: { accept: 'text/html' }, redirect: 'manual' });

      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/console/rulings/${ruling.id}`);
    });
  });
});

describe('the development sign-in, with the local development secret', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite', { env: { AUTH_JWT_SECRET: '' } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('is offered for every role, and its one-hour token works on /graphql', async () => {
    const options = await (await fetch(`${origin(api)}/console/api/sign-in-options`)).json();
    const response = await fetch(`${origin(api)}/console/api/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"viewer"}',
    });
    const minted = (await response.json()) as { token: string; expiresAt: string };

    expect(options).toEqual({ development: { roles: ['viewer', 'determiner', 'editor', 'approver', 'admin'] }, pasteToken: true });
    expect(minted).toMatchObject({ subject: 'local-viewer', roles: ['viewer'] });
    expect(Date.parse(minted.expiresAt) - Date.now()).toBeGreaterThan(3590_000);
    expect(Date.parse(minted.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    const answer = await api.gql('{ determinations(first: 1) { totalCount } }', {}, { token: minted.token });
    expect(answer).toEqual({ data: { determinations: { totalCount: 0 } } });
  });

  it('refuses an unknown role, and a form post', async () => {
    const unknown = await fetch(`${origin(api)}/console/api/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"root"}',
    });
    const form = await fetch(`${origin(api)}/console/api/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'role=admin',
    });

    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(form.status).toBe(400);
    expect(await form.json()).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Send {"role": "<role>"} as application/json' });
  });
});

describe('the development sign-in switched off', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite', { env: { AUTH_JWT_SECRET: '', CONSOLE_DEV_SIGN_IN: 'off' } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('is neither offered nor served', async () => {
    const options = await (await fetch(`${origin(api)}/console/api/sign-in-options`)).json();
    const refused = await fetch(`${origin(api)}/console/api/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"viewer"}',
    });

    expect(options).toEqual({ pasteToken: true });
    expect(refused.status).toBe(403);
  });
});
