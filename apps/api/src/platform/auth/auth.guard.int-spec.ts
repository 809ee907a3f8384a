import type { Role } from '#domain';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AuthService } from './auth.service.js';
import { AppConfig } from '../config/app-config.js';
import { startProbeServer, type ProbeServer } from '../testing/probe-server.js';

async function subscribe(server: ProbeServer, query: string, connectionParams: Record<string, unknown>) {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
  const values: unknown[] = [];
  try {
    for await (const result of client.iterate({ query })) values.push(result.data);
    return { values, error: undefined };
  } catch (error) {
    return { values, error: error as { extensions?: { code?: string } }[] };
  } finally {
    await client.dispose();
  }
}

describe('authentication and roles over HTTP and graphql-ws', () => {
  let server: ProbeServer;

  beforeAll(async () => {
    server = await startProbeServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('given no valid token', () => {
    it.each([
      ['no Authorization header', undefined, /Bearer token is required/],
      ['a malformed token', 'not-a-jwt', /refused/],
    ])('refuses %s with UNAUTHENTICATED and HTTP 401', async (_, token, message) => {
      const { status, body } = await server.graphql('{ whoAmI { id } }', { token });

      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }]);
    });

    it('refuses an expired token', async () => {
      const { body } = await server.graphql('{ whoAmI { id } }', { token: await server.token(['admin'], -3600) });

      expect(body.errors?.[0]).toMatchObject({ message: 'The bearer token has expired', extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('refuses a token signed with another secret', async () => {
      const stranger = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: 'another-secret-of-at-least-32-characters' }));
      const token = await stranger.mint({ id: 'mallory', roles: ['admin'] }, 600);

      const { body } = await server.graphql('{ whoAmI { id } }', { token });

      expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/signature/), extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('refuses even { __typename } and introspection, before validation says anything about the schema', async () => {
      for (const query of ['{ __typename }', '{ __schema { queryType { name } } }', '{ noSuchField }']) {
        const { body } = await server.graphql(query);
        expect(body.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      }
    });
  });

  describe('given a valid token', () => {
    it('serves { __typename } to any valid token, even one without known roles', async () => {
      const { status, body } = await server.graphql('{ __typename }', { token: await server.token([]) });

      expect(status).toBe(200);
      expect(body).toEqual({ data: { __typename: 'Query' } });
    });

    it('gives the resolver the actor: sub as id, known roles only', async () => {
      const token = await server.token(['viewer', 'superuser' as Role]);

      const { body } = await server.graphql('{ whoAmI { id roles } }', { token });

      expect(body).toEqual({ data: { whoAmI: { id: 'user-viewer-superuser', roles: ['viewer'] } } });
    });

    it('refuses a role the operation does not allow with FORBIDDEN, HTTP 200 and data null', async () => {
      const { status, body } = await server.graphql('{ approverOnly }', { token: await server.token(['editor']) });

      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ path: ['approverOnly'], extensions: { code: 'FORBIDDEN', requiredRoles: ['approver'] } })]);
    });

    it.each<[Role[], string]>([
      [['approver'], 'approver'],
      [['admin'], 'admin, who may do everything'],
    ])('serves %j (%s)', async (roles) => {
      const { body } = await server.graphql('{ approverOnly }', { token: await server.token(roles) });

      expect(body).toEqual({ data: { approverOnly: 'approved' } });
    });

    it('lets every role do what a viewer can', async () => {
      const { body } = await server.graphql('{ whoAmI { id } }', { token: await server.token(['determiner']) });

      expect(body).toEqual({ data: { whoAmI: { id: 'user-determiner' } } });
    });

    it('refuses a root resolver without @Roles to everyone, admin included (fail closed)', async () => {
      const { body } = await server.graphql('{ withoutRoles }', { token: await server.token(['admin']) });

      expect(body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    });

    it('serves object-type fields without @Roles, and checks the ones that have it', async () => {
      const query = '{ tree { children(first: 2) { name } adminNote } }';

      const asViewer = await server.graphql(query, { token: await server.token(['viewer']) });
      const asAdmin = await server.graphql(query, { token: await server.token(['admin']) });

      expect(asViewer.body.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['tree', 'adminNote'], 'FORBIDDEN']]);
      expect(asAdmin.body).toEqual({ data: { tree: { children: [{ name: 'root.0' }, { name: 'root.1' }], adminNote: 'for admins' } } });
    });
  });

  describe('subscriptions authenticate with the graphql-ws connection_init payload', () => {
    it.each([
      ['Authorization', (token: string) => ({ Authorization: `Bearer ${token}` })],
      ['authorization', (token: string) => ({ authorization: `Bearer ${token}` })],
    ])('streams to a caller whose token is in %s', async (_, payload) => {
      const { values, error } = await subscribe(server, 'subscription { ticks }', payload(await server.token(['viewer'])));

      expect(error).toBeUndefined();
      expect(values).toEqual([{ ticks: 1 }, { ticks: 2 }, { ticks: 3 }]);
    });

    it('fails an operation on a connection without a token with UNAUTHENTICATED', async () => {
      const { values, error } = await subscribe(server, 'subscription { ticks }', {});

      expect(values).toEqual([]);
      expect(error?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('fails an operation on a connection with an expired token with UNAUTHENTICATED', async () => {
      const { error } = await subscribe(server, 'subscription { ticks }', { Authorization: `Bearer ${await server.token(['viewer'], -3600)}` });

      expect(error?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a subscription the role does not allow with FORBIDDEN', async () => {
      const { values, error } = await subscribe(server, 'subscription { approvals }', { Authorization: `Bearer ${await server.token(['editor'])}` });

      expect(values).toEqual([]);
      expect(error?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });

    it('validates subscriptions like queries', async () => {
      const { error } = await subscribe(server, 'subscription { ticks { nope } }', { Authorization: `Bearer ${await server.token(['viewer'])}` });

      expect(error?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('HTTP routes other than health', () => {
    const get = async (path: string, token?: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it('need a token (401 UNAUTHENTICATED), an allowed role (403 FORBIDDEN), and then serve', async () => {
      expect(await get('/probe/admin')).toEqual({ status: 401, body: expect.objectContaining({ code: 'UNAUTHENTICATED' }) });
      expect(await get('/probe/admin', await server.token(['viewer']))).toEqual({ status: 403, body: expect.objectContaining({ code: 'FORBIDDEN' }) });
      expect(await get('/probe/admin', await server.token(['admin']))).toEqual({ status: 200, body: { actor: 'user-admin' } });
    });

    it('are refused without @Roles, to admin too', async () => {
      expect((await get('/probe/without-roles', await server.token(['admin']))).status).toBe(403);
    });
  });

  describe('afterwards', () => {
    it('keeps serving', async () => {
      const { body } = await server.graphql('{ whoAmI { id } }', { token: await server.token(['viewer']) });

      expect(body).toEqual({ data: { whoAmI: { id: 'user-viewer' } } });
    });
  });
});
