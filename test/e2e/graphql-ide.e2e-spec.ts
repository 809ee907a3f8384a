import { ApiHarness } from './support/api-harness.js';

describe('the GraphQL IDE', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
  });
  afterAll(() => api.stop());

  it('sends a browser that opens /graphql to the IDE', async () => {
    const response = await fetch(api.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    await response.arrayBuffer();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql/ide');
  });

  it('serves the IDE and its scripts from the app itself, pointed at /graphql', async () => {
    const page = await (await fetch(`${api.url}/ide`)).text();
    expect(page).toContain('<base href="/graphql/ide/">');
    expect(page).toContain('endpointURL: `/graphql`');
    expect(page).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
    const script = await fetch(`${api.url}/ide/main.js`);
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('leaves API calls to /graphql alone', async () => {
    expect((await api.data('{ __typename }')).__typename).toBe('Query');
  });
});
