import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export const CONSOLE_CLIENT_ID = 'policy-ledger-console';
/** The API as a resource server: access tokens for it are JWTs with this audience. */
export const API_AUDIENCE = 'urn:policy-ledger:api';

/**
 * A real OpenID provider (panva's oidc-provider) on 127.0.0.1, with its development login and
 * consent pages: any login name and password sign in. The console is a public client that must
 * use PKCE; access tokens for the API are RS256 JWTs carrying `roles`. It listens first, so the
 * API can be started with its issuer; `register` then names the console's redirect URI.
 */
export class TestOpenIdProvider {
  private handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestOpenIdProvider> {
    let self: TestOpenIdProvider | undefined;
    const server = createServer((request, response) => {
      if (self?.handler) self.handler(request, response);
      else response.writeHead(503).end('provider not configured yet');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new TestOpenIdProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  /** Configures the provider for a console at `consoleOrigin`, whose users get `roles`. */
  async register(consoleOrigin: string, roles: string[]): Promise<void> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: CONSOLE_CLIENT_ID,
          token_endpoint_auth_method: 'none',
          redirect_uris: [`${consoleOrigin}/console/signed-in`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' }] },
      cookies: { keys: ['test-provider-cookie-key'] },
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => API_AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: 'openid',
            audience: API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      findAccount: (_context, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
      extraTokenClaims: () => ({ roles }),
    });
    provider.proxy = false;
    this.handler = provider.callback();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
