import { resolve } from 'node:path';
import { authSecretPath } from '#api-kit';
import { validateEnvironment, type ConsoleDevSignIn, type EventStoreKind, type LogLevel } from './environment.js';

/**
 * How bearer tokens are verified: a shared HS256 secret, a remote JWKS, the JWKS named by an
 * OpenID provider's discovery document, or the local secret file.
 */
export type AuthKeySource =
  { kind: 'secret'; secret: string } | { kind: 'jwks'; url: string } | { kind: 'oidc-discovery'; issuer: string } | { kind: 'local-secret-file'; path: string };

/** The OpenID provider the console signs users in with (authorization code flow with PKCE). */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

/** The validated settings of the API, typed. Inject it; never read `process.env` elsewhere. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the data directory (SQLite file, local auth secret). */
  readonly dataDir: string;
  readonly policiesDir: string;
  readonly eventStore: EventStoreKind;
  readonly eventStoreConnectionString: string | undefined;
  readonly auth: { readonly keys: AuthKeySource; readonly issuer?: string; readonly audience?: string; readonly oidc?: OidcSettings };
  /** Who may use the console's development sign-in (only ever offered with the local secret file). */
  readonly consoleDevSignIn: ConsoleDevSignIn;
  readonly logLevel: LogLevel;
  readonly graphql: {
    readonly maxDepth: number;
    readonly maxComplexity: number;
    readonly maxAliases: number;
    readonly webSocketInitTimeoutMs: number;
    /** Serve the GraphQL IDE at /graphql/ide (default: on, off when NODE_ENV=production). */
    readonly ide: boolean;
    /** Answer introspection queries (default: on, off when NODE_ENV=production). */
    readonly introspection: boolean;
  };
  /** Points per caller per window (0: off), and open graphql-ws connections per caller (docs/adr/017-fair-use.md). */
  readonly rateLimit: { readonly points: number; readonly windowSeconds: number; readonly webSocketConnections: number };
  /** Origins browsers may call the API from (CORS); empty: no cross-origin calls; ['*']: any. */
  readonly corsOrigins: readonly string[];
  /** OpenTelemetry traces: sent over OTLP/HTTP to this collector when set (apps/api/src/telemetry). */
  readonly telemetry: { readonly metrics: boolean; readonly otlpEndpoint: string | undefined; readonly serviceName: string };
  /** Readiness fails when a projection is more than this many events behind the store's head. */
  readonly readinessMaxLag: number;
  /** EventStoreDB: how long an append or read may take before it fails as retryable (ms). */
  readonly eventStoreDeadlineMs: number;
  /** How long a query asked to be consistent with a position waits for this node to apply it (ms). */
  readonly consistencyTimeoutMs: number;
  /** How long the expensive work of one HTTP request may run before it is stopped (ms). */
  readonly requestDeadlineMs: number;
  /** The audit record (docs/audit.md): the tree on or off, how often checkpoints are written (ms), the signing key. */
  readonly audit: { readonly tree: boolean; readonly checkpointIntervalMs: number; readonly signingKey: string | undefined };
  /** Webhook delivery (docs/adr/021-webhooks.md): the secrets key, one attempt's deadline, attempts at once, the lease, the retry schedule (ms). */
  readonly webhooks: {
    readonly secretsKey: string | undefined;
    readonly timeoutMs: number;
    readonly concurrency: number;
    readonly leaseMs: number;
    readonly retry: { readonly baseMs: number; readonly maxMs: number; readonly windowMs: number };
    readonly allowPrivateAddresses: boolean;
  };

  constructor(env: Record<string, string | undefined>) {
    const variables = validateEnvironment(env);
    this.port = variables.PORT;
    this.dataDir = resolve(variables.DATA_DIR);
    this.policiesDir = resolve(variables.POLICIES_DIR);
    this.eventStore = variables.EVENT_STORE;
    this.eventStoreConnectionString = variables.EVENTSTORE_CONNECTION_STRING;
    const oidcIssuer = variables.AUTH_OIDC_ISSUER;
    this.auth = {
      keys: authKeySource(variables.AUTH_JWT_SECRET, variables.AUTH_JWKS_URL, oidcIssuer, this.dataDir),
      // Tokens from the console's provider must name it, unless AUTH_ISSUER says otherwise.
      issuer: variables.AUTH_ISSUER ?? oidcIssuer,
      audience: variables.AUTH_AUDIENCE,
      ...(oidcIssuer === undefined ? {} : { oidc: { issuer: oidcIssuer, clientId: variables.AUTH_OIDC_CLIENT_ID!, scope: variables.AUTH_OIDC_SCOPE } }),
    };
    this.consoleDevSignIn = variables.CONSOLE_DEV_SIGN_IN;
    // Tokens signed with a secret anyone with the data directory can read are for this machine only.
    this.host = variables.HOST ?? (this.auth.keys.kind === 'local-secret-file' ? '127.0.0.1' : '0.0.0.0');
    this.logLevel = variables.LOG_LEVEL;
    const production = variables.NODE_ENV === 'production';
    this.graphql = {
      maxDepth: variables.GRAPHQL_MAX_DEPTH,
      maxComplexity: variables.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: variables.GRAPHQL_MAX_ALIASES,
      webSocketInitTimeoutMs: variables.GRAPHQL_WS_INIT_TIMEOUT_MS,
      ide: switchOn(variables.GRAPHQL_IDE, !production),
      introspection: switchOn(variables.GRAPHQL_INTROSPECTION, !production),
    };
    this.rateLimit = {
      points: variables.RATE_LIMIT_POINTS,
      windowSeconds: variables.RATE_LIMIT_WINDOW_SECONDS,
      webSocketConnections: variables.RATE_LIMIT_WS_CONNECTIONS,
    };
    this.corsOrigins = (variables.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    this.telemetry = { metrics: variables.METRICS === 'on', otlpEndpoint: variables.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: variables.OTEL_SERVICE_NAME };
    this.readinessMaxLag = variables.READINESS_MAX_LAG;
    this.eventStoreDeadlineMs = variables.EVENTSTORE_DEADLINE_MS;
    this.consistencyTimeoutMs = variables.CONSISTENCY_TIMEOUT_MS;
    this.requestDeadlineMs = variables.REQUEST_DEADLINE_MS;
    this.audit = { tree: variables.AUDIT_TREE === 'on', checkpointIntervalMs: variables.CHECKPOINT_INTERVAL, signingKey: variables.AUDIT_SIGNING_KEY };
    this.webhooks = {
      secretsKey: variables.WEBHOOK_SECRETS_KEY,
      timeoutMs: variables.WEBHOOK_TIMEOUT_MS,
      concurrency: variables.WEBHOOK_CONCURRENCY,
      leaseMs: variables.WEBHOOK_LEASE_MS,
      retry: { baseMs: variables.WEBHOOK_RETRY_BASE_MS, maxMs: variables.WEBHOOK_RETRY_MAX_MS, windowMs: variables.WEBHOOK_RETRY_WINDOW_MS },
      allowPrivateAddresses: variables.WEBHOOK_PRIVATE_ADDRESSES === 'allow',
    };
  }
}

function authKeySource(secret: string | undefined, jwksUrl: string | undefined, oidcIssuer: string | undefined, dataDir: string): AuthKeySource {
  if (secret !== undefined) return { kind: 'secret', secret };
  if (jwksUrl !== undefined) return { kind: 'jwks', url: jwksUrl };
  if (oidcIssuer !== undefined) return { kind: 'oidc-discovery', issuer: oidcIssuer };
  return { kind: 'local-secret-file', path: authSecretPath(dataDir) };
}

function switchOn(value: string | undefined, byDefault: boolean): boolean {
  return value === undefined ? byDefault : value === 'true';
}

/** Reads and validates the settings outside Nest, e.g. in main.ts before the logger exists. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  return new AppConfig(env);
}
