import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ApiHarness } from './support/api-harness.js';
import { indiaShipment, TYPED_DETERMINATION_FIELDS, TYPED_RESULT_FIELDS } from './support/fixtures.js';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

describe('the REST API (/v1)', () => {
  let api: ApiHarness;
  let base: string;
  let openApi: OpenApi;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    base = api.url.replace(/\/graphql$/, '');
    openApi = (await (await fetch(`${base}/v1/openapi.json`)).json()) as OpenApi;
  });
  afterAll(() => api.stop());

  async function rest(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, role: 'viewer' | 'determiner' | null = 'determiner') {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(role && { authorization: `Bearer ${await api.token(role)}` }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  }

  /** Checks an answer against the schema the OpenAPI document gives for it: the document says what the API does. */
  function conforms(path: string, method: string, status: number, body: unknown): void {
    const response = openApi.paths[path]![method]!.responses[String(status)]!;
    const [, media] = Object.entries(response.content ?? {})[0] ?? [];
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date-time', true);
    ajv.addSchema({ $id: 'doc', components: openApi.components });
    const validate = ajv.compile(JSON.parse(JSON.stringify(media!.schema).replaceAll('"#/components/', '"doc#/components/')));
    if (!validate(body)) throw new Error(`${method.toUpperCase()} ${path} ${status} does not match its OpenAPI schema: ${ajv.errorsText(validate.errors)}`);
  }

  it('serves an OpenAPI 3.1 document that validates', async () => {
    expect(openApi.openapi).toBe('3.1.0');
    const result = await new Validator().validate(openApi as unknown as Parameters<Validator['validate']>[0]);
    expect(result).toEqual({ valid: true });
    expect(Object.keys(openApi.paths).sort()).toEqual(['/v1/determinations', '/v1/determinations/{id}', '/v1/evaluate']);
  });

  it('POST /v1/evaluate answers as the GraphQL evaluate for the same input', async () => {
    const input = indiaShipment('rest-eval', 200);
    const at = { validAt: '2025-06-01', knownAt: new Date().toISOString() };
    const viaRest = await rest('POST', '/v1/evaluate', { input, at }, {}, 'viewer');
    const viaGraphql = await api.data(
      `query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) { ${TYPED_RESULT_FIELDS} } }`,
      { input, at },
      'viewer',
    );
    expect(viaRest.status).toBe(200);
    expect(viaRest.body).toMatchObject(viaGraphql.evaluate);
    expect(viaRest.body.outcome).toBe('LICENSE_EXCEPTION');
    // The deprecated JSON fields stay out of REST answers: their typed twins carry the same values.
    expect(Object.keys(viaRest.body)).toEqual(expect.arrayContaining(['factEntries', 'draws']));
    expect(Object.keys(viaRest.body)).not.toEqual(expect.arrayContaining(['facts']));
    conforms('/v1/evaluate', 'post', 200, viaRest.body);
  });

  it('POST /v1/determinations records a ruling once per Idempotency-Key, and GET /v1/determinations/:id reads it as GraphQL does', async () => {
    const input = indiaShipment('rest-issue', 100);
    const first = await rest('POST', '/v1/determinations', { input, validAt: '2025-06-01' }, { 'idempotency-key': 'ERP-PO-9001' });
    expect(first.status).toBe(201);
    conforms('/v1/determinations', 'post', 201, first.body);
    expect(Number(first.headers.get('x-commit-position'))).toBe(first.body.position);

    const retry = await rest('POST', '/v1/determinations', { input, validAt: '2025-06-01' }, { 'idempotency-key': 'ERP-PO-9001' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);

    const read = await rest('GET', `/v1/determinations/${first.body.id}`, undefined, { 'x-consistent-with': String(first.body.position) }, 'viewer');
    expect(read.status).toBe(200);
    conforms('/v1/determinations/{id}', 'get', 200, read.body);
    const viaGraphql = await api.data(`query($id: ID!) { determination(id: $id) { ${TYPED_DETERMINATION_FIELDS} } }`, { id: first.body.id }, 'viewer');
    expect(read.body).toMatchObject(viaGraphql.determination);
    expect(read.body).toEqual(first.body);
  });

  it('answers errors as problem details with the GraphQL codes and statuses', async () => {
    const missing = await rest('GET', '/v1/determinations/no-such-id', undefined, {}, 'viewer');
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', status: 404, title: 'NOT_FOUND' } });
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const noToken = await rest('POST', '/v1/evaluate', { input: indiaShipment() }, {}, null);
    expect(noToken).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });

    const viewerIssuing = await rest('POST', '/v1/determinations', { input: indiaShipment() }, {}, 'viewer');
    expect(viewerIssuing).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

    const misspelt = await rest('POST', '/v1/evaluate', { input: indiaShipment(), validat: '2025-06-01' }, {}, 'viewer');
    expect(misspelt).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', fields: ['validat'] } });

    const badInput = await rest('POST', '/v1/evaluate', { input: { ...indiaShipment(), destinaton: 'IN' } }, {}, 'viewer');
    expect(badInput).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    expect(badInput.body.detail).toContain('destinaton');

    const notJson = await rest('POST', '/v1/evaluate', '{"input":', {}, 'viewer');
    expect(notJson).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(notJson.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);

    const notAnObject = await rest('POST', '/v1/evaluate', [1, 2], {}, 'viewer');
    expect(notAnObject).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
  });
});

describe('the REST API over a caller rate limit', () => {
  let api: ApiHarness;
  let base: string;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite', { env: { RATE_LIMIT_POINTS: '5', RATE_LIMIT_WINDOW_SECONDS: '600' } });
    base = api.url.replace(/\/graphql$/, '');
  });
  afterAll(() => api.stop());

  it('refuses with a RATE_LIMITED problem and Retry-After, and counts the refusal in /metrics', async () => {
    const token = await api.token('viewer');
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as Record<string, any>,
      };
    };
    // The OpenAPI document costs one point on arrival and nothing more: the sixth call finds the bucket empty.
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await call('GET', '/v1/openapi.json'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = answers.at(-1)!;
    expect(refused).toMatchObject({
      type: expect.stringContaining('application/problem+json'),
      body: { status: 429, title: 'RATE_LIMITED', code: 'RATE_LIMITED' },
    });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.retryAfter).toEqual(expect.any(Number));
    expect(await call('POST', '/v1/evaluate', { input: indiaShipment(), validAt: '2025-06-01' })).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED' },
    });

    // The scrape is its own caller (no token: by address), so it is not refused itself.
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^policy_ledger_rate_limit_refusals_total\{transport="http"\} [1-9]\d*$/m);
  });
});
