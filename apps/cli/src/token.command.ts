import { parseArgs } from 'node:util';
import { authSecretPath, LOCAL_TOKEN_TTL_SECONDS, loadOrCreateAuthSecret, rotateAuthSecret, signToken } from '#api-kit';
import { ROLES, type Role } from '#domain';
import { usageError } from './cli-error.js';
import type { Output } from './output.js';

const TTL = /^(\d+)(s|m|h|d)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/**
 * `policyctl token --role R`: a bearer token signed with the local development secret
 * (DATA_DIR/auth-secret, or AUTH_JWT_SECRET when set), printed alone on stdout.
 * `policyctl token revoke-all`: a new local secret, so every token signed with the old one is refused.
 */
export async function token(args: string[], out: Output, env: NodeJS.ProcessEnv, nowSeconds: number): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { role: { type: 'string', multiple: true }, sub: { type: 'string' }, ttl: { type: 'string' }, 'data-dir': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const path = authSecretPath(values['data-dir'] ?? env.DATA_DIR ?? './data');
  if (positionals[0] === 'revoke-all') {
    if (positionals.length > 1 || values.role || values.sub || values.ttl) throw usageError('token revoke-all takes only --data-dir');
    if (env.AUTH_JWT_SECRET) throw usageError('AUTH_JWT_SECRET is set: rotate that secret where it is configured');
    await rotateAuthSecret(path);
    out.stdout(`revoked every token signed with the old secret: ${path} holds a new one (a running API uses it within a second)`);
    return;
  }
  if (positionals.length > 0) throw usageError(`unknown token argument '${positionals[0]}'`);
  const roles = (values.role ?? []).flatMap((role) => role.split(',')).filter((role) => role !== '');
  if (roles.length === 0) throw usageError(`token needs --role, one of ${ROLES.join(', ')}`);
  const unknown = roles.find((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown !== undefined) throw usageError(`unknown role '${unknown}': one of ${ROLES.join(', ')}`);
  const ttlSeconds = values.ttl === undefined ? LOCAL_TOKEN_TTL_SECONDS : ttlOf(values.ttl);
  const secret = env.AUTH_JWT_SECRET ?? (await loadOrCreateAuthSecret(path));
  const sub = values.sub ?? `local-${(roles as Role[]).join('-')}`;
  out.stdout(await signToken(secret, { sub, roles, ttlSeconds, nowSeconds, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }));
}

function ttlOf(text: string): number {
  const match = TTL.exec(text);
  if (match === null) throw usageError(`--ttl takes a duration such as 30m, 12h or 7d, not '${text}'`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
