import { resolve } from 'node:path';
import { AppConfig } from './app-config.js';

describe('AppConfig', () => {
  it('has a safe default for every setting', () => {
    const config = new AppConfig({});

    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      policiesDir: resolve('./policies'),
      eventStore: 'sqlite',
      eventStoreConnectionString: undefined,
      auth: { keys: { kind: 'local-secret-file', path: resolve('./data/auth-secret') }, issuer: undefined, audience: undefined },
      logLevel: 'info',
      graphql: { maxDepth: 12, maxComplexity: 2000, maxAliases: 10, webSocketInitTimeoutMs: 3000, ide: true, introspection: true },
      rateLimit: { points: 20000, windowSeconds: 60, webSocketConnections: 16 },
      corsOrigins: [],
      telemetry: { metrics: true, otlpEndpoint: undefined, serviceName: 'policy-ledger' },
      readinessMaxLag: 100,
      eventStoreDeadlineMs: 3000,
      consistencyTimeoutMs: 5000,
      requestDeadlineMs: 30_000,
      consoleDevSignIn: 'loopback',
      audit: { tree: true, checkpointIntervalMs: 60_000, signingKey: undefined },
      webhooks: {
        secretsKey: undefined,
        timeoutMs: 10_000,
        concurrency: 8,
        leaseMs: 60_000,
        retry: { baseMs: 30_000, maxMs: 3_600_000, windowMs: 86_400_000 },
        allowPrivateAddresses: true,
      },
    });
  });

  it('reads the webhook settings, and refuses a lease shorter than two attempts', () => {
    const config = new AppConfig({ WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_LEASE_MS: '4000', WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_PRIVATE_ADDRESSES: 'deny' });
    expect(config.webhooks).toMatchObject({ timeoutMs: 2000, leaseMs: 4000, retry: { baseMs: 100 }, allowPrivateAddresses: false });
    expect(() => new AppConfig({ WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_LEASE_MS: '6000' })).toThrow(/WEBHOOK_LEASE_MS must be at least twice WEBHOOK_TIMEOUT_MS/);
    expect(() => new AppConfig({ WEBHOOK_SECRETS_KEY: '' })).not.toThrow();
    expect(() => new AppConfig({ WEBHOOK_PRIVATE_ADDRESSES: 'maybe' })).toThrow(/WEBHOOK_PRIVATE_ADDRESSES/);
  });

  it('turns the IDE and introspection off by default when NODE_ENV=production, and each back on by its switch', () => {
    expect(new AppConfig({ NODE_ENV: 'production' }).graphql).toMatchObject({ ide: false, introspection: false });
    expect(new AppConfig({ NODE_ENV: 'production', GRAPHQL_IDE: 'true' }).graphql).toMatchObject({ ide: true, introspection: false });
    expect(new AppConfig({ GRAPHQL_INTROSPECTION: 'false' }).graphql).toMatchObject({ ide: true, introspection: false });
  });

  it('reads CORS_ORIGINS as a list', () => {
    expect(new AppConfig({ CORS_ORIGINS: 'https://erp.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://erp.example.com',
      'http://localhost:5173',
    ]);
    expect(new AppConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  it('listens on 127.0.0.1 by default only while tokens are signed with the local development secret; HOST says otherwise', () => {
    expect(new AppConfig({}).host).toBe('127.0.0.1');
    expect(new AppConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(new AppConfig({ AUTH_JWT_SECRET: 'a-shared-secret-of-at-least-32-characters' }).host).toBe('0.0.0.0');
    expect(new AppConfig({ AUTH_JWKS_URL: 'https://issuer.example/jwks.json' }).host).toBe('0.0.0.0');
  });

  it('reads every setting, numbers as numbers', () => {
    const config = new AppConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/ledger',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      AUTH_JWKS_URL: 'https://issuer.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://issuer.example/',
      AUTH_AUDIENCE: 'policy-ledger',
      LOG_LEVEL: 'debug',
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_COMPLEXITY: '500',
      POLICIES_DIR: '/srv/policies',
      READINESS_MAX_LAG: '0',
      EVENTSTORE_DEADLINE_MS: '1500',
      CONSISTENCY_TIMEOUT_MS: '0',
      REQUEST_DEADLINE_MS: '2500',
      AUDIT_TREE: 'off',
      METRICS: 'off',
      CHECKPOINT_INTERVAL: '5000',
      AUDIT_SIGNING_KEY: '/run/secrets/audit-signing-key.pem',
    });

    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/ledger',
      policiesDir: '/srv/policies',
      eventStore: 'eventstoredb',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      auth: { keys: { kind: 'jwks', url: 'https://issuer.example/.well-known/jwks.json' }, issuer: 'https://issuer.example/', audience: 'policy-ledger' },
      logLevel: 'debug',
      graphql: { maxDepth: 8, maxComplexity: 500 },
      readinessMaxLag: 0,
      eventStoreDeadlineMs: 1500,
      consistencyTimeoutMs: 0,
      requestDeadlineMs: 2500,
      audit: { tree: false, checkpointIntervalMs: 5000, signingKey: '/run/secrets/audit-signing-key.pem' },
      telemetry: { metrics: false },
    });
  });

  it('uses AUTH_JWT_SECRET when set', () => {
    expect(new AppConfig({ AUTH_JWT_SECRET: 's'.repeat(32) }).auth.keys).toEqual({ kind: 'secret', secret: 's'.repeat(32) });
  });

  it('with AUTH_OIDC_ISSUER: keys from its discovery document, tokens must name it, the console signs in with its client', () => {
    const config = new AppConfig({ AUTH_OIDC_ISSUER: 'https://login.example/', AUTH_OIDC_CLIENT_ID: 'ledger-console' });

    expect(config.auth).toEqual({
      keys: { kind: 'oidc-discovery', issuer: 'https://login.example/' },
      issuer: 'https://login.example/',
      audience: undefined,
      oidc: { issuer: 'https://login.example/', clientId: 'ledger-console', scope: 'openid' },
    });
  });

  it('an explicit AUTH_JWKS_URL and AUTH_ISSUER win over what the OpenID provider implies', () => {
    const config = new AppConfig({
      AUTH_OIDC_ISSUER: 'https://login.example/',
      AUTH_OIDC_CLIENT_ID: 'ledger-console',
      AUTH_OIDC_SCOPE: 'openid ledger',
      AUTH_JWKS_URL: 'https://keys.example/jwks.json',
      AUTH_ISSUER: 'https://tokens.example/',
    });

    expect(config.auth).toMatchObject({ keys: { kind: 'jwks', url: 'https://keys.example/jwks.json' }, issuer: 'https://tokens.example/' });
    expect(config.auth.oidc?.scope).toBe('openid ledger');
  });

  it('treats an empty value as unset', () => {
    expect(new AppConfig({ PORT: '', LOG_LEVEL: ' ' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT \(got 'eighty'\): PORT must be an integer number/],
    [{ AUDIT_TREE: 'maybe' }, /AUDIT_TREE \(got 'maybe'\): AUDIT_TREE must be one of the following values: on, off/],
    [{ METRICS: 'of' }, /METRICS \(got 'of'\): METRICS must be one of the following values: on, off/],
    [{ CHECKPOINT_INTERVAL: '10' }, /CHECKPOINT_INTERVAL \(got '10'\): CHECKPOINT_INTERVAL must not be less than 100/],
    [{ PORT: '70000' }, /PORT \(got '70000'\): PORT must not be greater than 65535/],
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE \(got 'postgres'\): EVENT_STORE must be one of the following values: sqlite, eventstoredb, memory/],
    [{ EVENT_STORE: 'eventstoredb' }, /EVENTSTORE_CONNECTION_STRING: EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb/],
    [{ CORS_ORIGINS: 'erp.example.com' }, /CORS_ORIGINS \(got 'erp.example.com'\): CORS_ORIGINS must be \* or a comma-separated list/],
    [{ GRAPHQL_IDE: 'yes' }, /GRAPHQL_IDE \(got 'yes'\): GRAPHQL_IDE must be one of the following values: true, false/],
    [{ AUTH_JWKS_URL: 'not a url' }, /AUTH_JWKS_URL \(got 'not a url'\): AUTH_JWKS_URL must be a URL address/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL \(got 'loud'\)/],
    [{ GRAPHQL_MAX_DEPTH: '0' }, /GRAPHQL_MAX_DEPTH \(got '0'\): GRAPHQL_MAX_DEPTH must not be less than 1/],
    [{ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://issuer.example/jwks' }, /AUTH_JWT_SECRET and AUTH_JWKS_URL are both set/],
    [{ AUTH_OIDC_ISSUER: 'https://login.example/' }, /AUTH_OIDC_CLIENT_ID: AUTH_OIDC_CLIENT_ID is required with AUTH_OIDC_ISSUER/],
    [{ AUTH_OIDC_CLIENT_ID: 'ledger-console' }, /AUTH_OIDC_CLIENT_ID is set without AUTH_OIDC_ISSUER/],
    [
      { AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_OIDC_ISSUER: 'https://login.example/', AUTH_OIDC_CLIENT_ID: 'c' },
      /AUTH_JWT_SECRET and AUTH_OIDC_ISSUER are both set/,
    ],
    [
      { CONSOLE_DEV_SIGN_IN: 'always' },
      /CONSOLE_DEV_SIGN_IN \(got 'always'\): CONSOLE_DEV_SIGN_IN must be one of the following values: loopback, anywhere, off/,
    ],
  ])('refuses %j with an error naming the variable', (env, message) => {
    expect(() => new AppConfig(env)).toThrow(message);
  });

  it('names a short AUTH_JWT_SECRET without showing it', () => {
    expect(() => new AppConfig({ AUTH_JWT_SECRET: 'hunter2' })).toThrow(/AUTH_JWT_SECRET: AUTH_JWT_SECRET must be longer than or equal to 32 characters/);
    expect(() => new AppConfig({ AUTH_JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('reports every bad variable at once', () => {
    expect(() => new AppConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
