import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

export const EVENT_STORES = ['sqlite', 'eventstoredb', 'memory'] as const;
export type EventStoreKind = (typeof EVENT_STORES)[number];

export const CONSOLE_DEV_SIGN_IN_MODES = ['loopback', 'anywhere', 'off'] as const;
export type ConsoleDevSignIn = (typeof CONSOLE_DEV_SIGN_IN_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const BOOLEANS = ['true', 'false'];

/** The environment variables the API reads; every one has a safe default or is optional. */
export class EnvironmentVariables {
  @Max(65535)
  @Min(1)
  @IsInt()
  PORT = 3000;

  /** Default: 127.0.0.1 while tokens are signed with the local development secret, else 0.0.0.0 (AppConfig). */
  @IsOptional()
  @IsNotEmpty()
  @IsString()
  HOST?: string;

  @IsNotEmpty()
  @IsString()
  DATA_DIR = './data';

  @IsIn(EVENT_STORES)
  EVENT_STORE: EventStoreKind = 'sqlite';

  @ValidateIf((env: EnvironmentVariables) => env.EVENT_STORE === 'eventstoredb')
  @IsNotEmpty({ message: 'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @MinLength(32)
  @IsString()
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  AUTH_OIDC_ISSUER?: string;

  @ValidateIf((env: EnvironmentVariables) => env.AUTH_OIDC_CLIENT_ID !== undefined || env.AUTH_OIDC_ISSUER !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'AUTH_OIDC_CLIENT_ID is required with AUTH_OIDC_ISSUER (the console signs in as this client)' })
  AUTH_OIDC_CLIENT_ID?: string;

  @IsNotEmpty()
  @IsString()
  AUTH_OIDC_SCOPE = 'openid';

  @IsIn(CONSOLE_DEV_SIGN_IN_MODES)
  CONSOLE_DEV_SIGN_IN: ConsoleDevSignIn = 'loopback';

  @IsOptional()
  @IsNotEmpty()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsNotEmpty()
  @IsString()
  AUTH_AUDIENCE?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Min(1)
  @IsInt()
  GRAPHQL_MAX_DEPTH = 12;

  @Min(1)
  @IsInt()
  GRAPHQL_MAX_COMPLEXITY = 2000;

  @Min(1)
  @IsInt()
  GRAPHQL_MAX_ALIASES = 10;

  @Max(60_000)
  @Min(100)
  @IsInt()
  GRAPHQL_WS_INIT_TIMEOUT_MS = 3000;

  /** Points a caller may spend per window; 0 turns the rate limit off (a trusted network only). */
  @Min(0)
  @IsInt()
  RATE_LIMIT_POINTS = 20_000;

  @Max(86_400)
  @Min(1)
  @IsInt()
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Min(1)
  @IsInt()
  RATE_LIMIT_WS_CONNECTIONS = 16;

  @IsNotEmpty()
  @IsString()
  POLICIES_DIR = './policies';

  @Min(0)
  @IsInt()
  READINESS_MAX_LAG = 100;

  @Max(600_000)
  @Min(100)
  @IsInt()
  EVENTSTORE_DEADLINE_MS = 3000;

  @Max(60_000)
  @Min(0)
  @IsInt()
  CONSISTENCY_TIMEOUT_MS = 5000;

  /** How long the expensive work of one HTTP request may run before it is stopped (QUOTA_EXCEEDED, reason DEADLINE). */
  @Max(3_600_000)
  @Min(100)
  @IsInt()
  REQUEST_DEADLINE_MS = 30_000;

  @IsIn(['on', 'off'])
  AUDIT_TREE: 'on' | 'off' = 'on';

  @Max(86_400_000)
  @Min(100)
  @IsInt()
  CHECKPOINT_INTERVAL = 60_000;

  @IsOptional()
  @IsNotEmpty()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Comma-separated origins browsers may call the API from; `*` for any. None by default. */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*)$/, { message: 'CORS_ORIGINS must be * or a comma-separated list of http(s) origins' })
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(BOOLEANS)
  GRAPHQL_IDE?: string;

  @IsOptional()
  @IsIn(BOOLEANS)
  GRAPHQL_INTROSPECTION?: string;

  /** Prometheus metrics at /metrics, and counting every request and append for them. */
  @IsIn(['on', 'off'])
  METRICS: 'on' | 'off' = 'on';

  /** OpenTelemetry: the collector's OTLP/HTTP base URL; traces are sent to <url>/v1/traces. Unset: no tracing. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsNotEmpty()
  @IsString()
  OTEL_SERVICE_NAME = 'policy-ledger';

  /** Webhook signing secrets are sealed under this key: 32 bytes in base64, or a file holding them (docs/adr/021-webhooks.md). */
  @IsOptional()
  @IsNotEmpty()
  @IsString()
  WEBHOOK_SECRETS_KEY?: string;

  /** One delivery attempt's deadline: connect, send, answer. */
  @Max(120_000)
  @Min(100)
  @IsInt()
  WEBHOOK_TIMEOUT_MS = 10_000;

  @Max(64)
  @Min(1)
  @IsInt()
  WEBHOOK_CONCURRENCY = 8;

  /** The dispatch lease's length: a node that dies stops delivering for at most this long. */
  @Max(600_000)
  @Min(1_000)
  @IsInt()
  WEBHOOK_LEASE_MS = 60_000;

  @Max(86_400_000)
  @Min(10)
  @IsInt()
  WEBHOOK_RETRY_BASE_MS = 30_000;

  @Max(86_400_000)
  @Min(10)
  @IsInt()
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** How long a failing delivery is retried before it is dead-lettered (24 h). */
  @Max(7 * 86_400_000)
  @Min(1_000)
  @IsInt()
  WEBHOOK_RETRY_WINDOW_MS = 86_400_000;

  @IsIn(['allow', 'deny'])
  WEBHOOK_PRIVATE_ADDRESSES: 'allow' | 'deny' = 'allow';
}

const NUMERIC = new Set([
  'PORT',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_COMPLEXITY',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_WS_INIT_TIMEOUT_MS',
  'RATE_LIMIT_POINTS',
  'RATE_LIMIT_WINDOW_SECONDS',
  'RATE_LIMIT_WS_CONNECTIONS',
  'READINESS_MAX_LAG',
  'EVENTSTORE_DEADLINE_MS',
  'CONSISTENCY_TIMEOUT_MS',
  'REQUEST_DEADLINE_MS',
  'CHECKPOINT_INTERVAL',
  'WEBHOOK_TIMEOUT_MS',
  'WEBHOOK_CONCURRENCY',
  'WEBHOOK_LEASE_MS',
  'WEBHOOK_RETRY_BASE_MS',
  'WEBHOOK_RETRY_MAX_MS',
  'WEBHOOK_RETRY_WINDOW_MS',
]);
const SECRET = new Set(['AUTH_JWT_SECRET', 'EVENTSTORE_CONNECTION_STRING', 'AUDIT_SIGNING_KEY', 'WEBHOOK_SECRETS_KEY']);
const KNOWN = Object.keys(new EnvironmentVariables()).concat(
  'HOST',
  'EVENTSTORE_CONNECTION_STRING',
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'AUTH_OIDC_ISSUER',
  'AUTH_OIDC_CLIENT_ID',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUDIT_SIGNING_KEY',
  'NODE_ENV',
  'CORS_ORIGINS',
  'GRAPHQL_IDE',
  'GRAPHQL_INTROSPECTION',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'WEBHOOK_SECRETS_KEY',
);

/**
 * Validates the known variables of `env` (unknown ones are ignored) and returns them typed, with
 * defaults filled in. Throws one error naming every bad variable; secrets are never echoed.
 */
export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const raw: Record<string, unknown> = {};
  for (const key of KNOWN) {
    const value = env[key]?.trim();
    // An empty value (`PORT=` in a compose file) means "not set", so the default applies.
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const variables = plainToInstance(EnvironmentVariables, raw);
  // Type checks sit nearest each property, so they run first and stop the range checks.
  const problems = validateSync(variables, { stopAtFirstError: true }).map((error) => {
    const shown = SECRET.has(error.property) || error.value === undefined ? '' : ` (got '${String(error.value)}')`;
    return `${error.property}${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`;
  });
  if (variables.AUTH_JWT_SECRET !== undefined && variables.AUTH_JWKS_URL !== undefined) {
    problems.push('AUTH_JWT_SECRET and AUTH_JWKS_URL are both set: choose one way to verify tokens');
  }
  if (variables.AUTH_JWT_SECRET !== undefined && variables.AUTH_OIDC_ISSUER !== undefined) {
    problems.push('AUTH_JWT_SECRET and AUTH_OIDC_ISSUER are both set: tokens are either signed with the secret or issued by the provider');
  }
  if (variables.AUTH_OIDC_CLIENT_ID !== undefined && variables.AUTH_OIDC_ISSUER === undefined) {
    problems.push('AUTH_OIDC_CLIENT_ID is set without AUTH_OIDC_ISSUER: name the provider the client belongs to');
  }
  if (problems.length === 0 && variables.WEBHOOK_LEASE_MS < 2 * variables.WEBHOOK_TIMEOUT_MS) {
    problems.push('WEBHOOK_LEASE_MS must be at least twice WEBHOOK_TIMEOUT_MS: a holder must outlive the attempts it started');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return variables;
}
