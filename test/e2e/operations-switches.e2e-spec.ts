import { createHash } from 'node:crypto';
import { ApiHarness } from './support/api-harness.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('operations switches', () => {
  describe('in development (no NODE_ENV)', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('sqlite');
    });
    afterAll(() => api.stop());

    it('serves the IDE and answers introspection', async () => {
      expect((await fetch(`${api.url}/ide`)).status).toBe(200);
      expect((await api.data(INTROSPECTION)).__schema.queryType.name).toBe('Query');
    });

    it('sends no CORS headers: cross-origin calls are off unless CORS_ORIGINS names the origin', async () => {
      const response = await fetch(api.url, { method: 'OPTIONS', headers: { origin: 'https://erp.example.com', 'access-control-request-method': 'POST' } });
      await response.arrayBuffer();
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers automatic persisted queries: the hash alone once the text was sent with it', async () => {
      const query = '{ countryStatus(country: "IN", at: { validAt: "2025-06-01" }) { tier } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await api.token('viewer')}` };
      const post = async (body: unknown) => (await fetch(api.url, { method: 'POST', headers, body: JSON.stringify(body) })).json();

      expect(await post({ extensions })).toMatchObject({ errors: [{ message: 'PersistedQueryNotFound' }] });
      expect(await post({ query, extensions })).toEqual({ data: { countryStatus: { tier: 2 } } });
      expect(await post({ extensions })).toEqual({ data: { countryStatus: { tier: 2 } } });
      // And over GET, as a CDN-friendly client sends it.
      const url = `${api.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`;
      expect(await (await fetch(url, { headers })).json()).toEqual({ data: { countryStatus: { tier: 2 } } });
    });
  });

  describe('with NODE_ENV=production and CORS_ORIGINS set', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('sqlite', { env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://erp.example.com' } });
    });
    afterAll(() => api.stop());

    it('serves no IDE', async () => {
      const ide = await fetch(`${api.url}/ide`);
      await ide.arrayBuffer();
      expect(ide.status).toBe(404);
      const browser = await fetch(api.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
      await browser.arrayBuffer();
      expect(browser.status).not.toBe(302);
    });

    it('refuses introspection with BAD_USER_INPUT, and still answers queries', async () => {
      const response = await api.gql(INTROSPECTION);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await api.data('{ countryStatus(country: "IN") { country } }')).countryStatus.country).toBe('IN');
    });

    it('lets the named origin call the API and read the read-your-writes headers, and no other origin', async () => {
      const preflight = await fetch(api.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://erp.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      await preflight.arrayBuffer();
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://erp.example.com');

      const call = await fetch(api.url, {
        method: 'POST',
        headers: { origin: 'https://erp.example.com', 'content-type': 'application/json', authorization: `Bearer ${await api.token('viewer')}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await call.arrayBuffer();
      expect(call.headers.get('access-control-allow-origin')).toBe('https://erp.example.com');
      expect(call.headers.get('access-control-expose-headers')).toContain('x-commit-position');

      const other = await fetch(api.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      await other.arrayBuffer();
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
