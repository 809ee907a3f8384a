import { statSync } from 'node:fs';
import { ROLES, type Actor, type Role } from '#domain';
import { LOCAL_TOKEN_TTL_SECONDS, loadOrCreateAuthSecret, readAuthSecret, signToken } from '#api-kit';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../errors/api-error.js';
import { discoveredKeySet } from './oidc-discovery.js';
import { VerifiedTokens } from './verified-tokens.js';

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const CLOCK_TOLERANCE_SECONDS = 30;
/** How often the local secret file is looked at for a rotation (`policyctl token revoke-all`). */
const LOCAL_SECRET_CHECK_MS = 1000;

type VerificationKey = { kind: 'shared'; secret: string } | { kind: 'jwks'; keySet: JWTVerifyGetKey };

/** The local secret file, watched for rotation. */
interface LocalSecret {
  path: string;
  stamp: string;
  checkedAt: number;
}

/**
 * Verifies bearer JWTs (API.md "Authentication"): `sub` is the actor, `roles` its roles (unknown
 * ones ignored). Keys: AUTH_JWT_SECRET (HS256), AUTH_JWKS_URL (the issuer's public keys), or
 * else a secret created in DATA_DIR, with ready-made tokens per role for local use.
 */
export class AuthService {
  private verified = new VerifiedTokens();
  /** Each HTTP request's authentication, while the request lives (authenticateRequest). */
  private readonly byRequest = new WeakMap<object, Promise<Actor>>();

  private constructor(
    private key: VerificationKey,
    private readonly claims: { issuer?: string; audience?: string },
    private readonly local: LocalSecret | null,
  ) {}

  static async create(config: AppConfig): Promise<AuthService> {
    const { keys, issuer, audience } = config.auth;
    const claims = { issuer, audience };
    switch (keys.kind) {
      case 'secret':
        return new AuthService({ kind: 'shared', secret: keys.secret }, claims, null);
      case 'jwks':
        return new AuthService({ kind: 'jwks', keySet: createRemoteJWKSet(new URL(keys.url)) }, claims, null);
      case 'oidc-discovery':
        return new AuthService({ kind: 'jwks', keySet: discoveredKeySet(keys.issuer) }, claims, null);
      case 'local-secret-file': {
        const secret = await loadOrCreateAuthSecret(keys.path);
        return new AuthService({ kind: 'shared', secret }, claims, { path: keys.path, stamp: stampOf(keys.path), checkedAt: Date.now() });
      }
    }
  }

  /**
   * authenticate() of an HTTP request's Authorization header, done once per request: the rate
   * limiter (on arrival), the GraphQL hooks and the guard all ask, and each asking again cost a
   * header match and a token lookup. A refusal is remembered too, and thrown to each who asks.
   */
  authenticateRequest(request: { headers: { authorization?: unknown } }): Promise<Actor> {
    let actor = this.byRequest.get(request);
    if (actor === undefined) {
      actor = this.authenticate(request.headers.authorization);
      this.byRequest.set(request, actor);
    }
    return actor;
  }

  /** The actor of an `Authorization` header value (`Bearer <jwt>`); UnauthenticatedError if there is none or it is refused. */
  async authenticate(authorization: unknown): Promise<Actor> {
    const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (match === null) throw new UnauthenticatedError('An Authorization header with a Bearer token is required');
    return this.verify(match[1]!);
  }

  async verify(token: string): Promise<Actor> {
    if (this.local !== null && Date.now() - this.local.checkedAt >= LOCAL_SECRET_CHECK_MS) await this.rereadLocalSecret(this.local);
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    let payload: JWTPayload;
    try {
      const options = { ...this.claims, requiredClaims: ['sub', 'exp'], clockTolerance: CLOCK_TOLERANCE_SECONDS };
      ({ payload } =
        this.key.kind === 'shared'
          ? await jwtVerify(token, new TextEncoder().encode(this.key.secret), { ...options, algorithms: ['HS256'] })
          : await jwtVerify(token, this.key.keySet, { ...options, algorithms: ASYMMETRIC_ALGORITHMS }));
    } catch (error) {
      // An unreachable or broken key set is the server's problem, not the caller's token.
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The bearer token has expired');
      if (error instanceof errors.JOSEError) throw new UnauthenticatedError(`The bearer token was refused: ${error.message}`);
      throw error;
    }
    if (payload.sub === undefined || payload.sub === '') throw new UnauthenticatedError('The bearer token names no subject (sub)');
    const actor: Actor = { id: payload.sub, roles: knownRoles(payload.roles) };
    // requiredClaims makes exp present; jose accepts the token up to exp + the tolerance.
    this.verified.remember(token, actor, (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000);
    return actor;
  }

  /** Signs a token with the shared secret (tests, local use); a negative TTL gives an expired token. */
  async mint(actor: Actor, ttlSeconds: number): Promise<string> {
    if (this.key.kind !== 'shared') throw new Error('Tokens come from the AUTH_JWKS_URL issuer; this server cannot mint them');
    const nowSeconds = Math.floor(Date.now() / 1000);
    return signToken(this.key.secret, { sub: actor.id, roles: actor.roles, ttlSeconds, nowSeconds, ...this.claims });
  }

  /** True when tokens are verified with the secret this installation created in DATA_DIR (no issuer configured). */
  get isLocal(): boolean {
    return this.local !== null;
  }

  /**
   * With no AUTH_JWT_SECRET or AUTH_JWKS_URL set: one token per role (sub `local-<role>`, valid
   * 12 hours) to print at start, as a notebook server prints its token. Otherwise undefined.
   */
  async localTokens(): Promise<Record<Role, string> | undefined> {
    if (this.local === null) return undefined;
    const tokens = await Promise.all(ROLES.map((role) => this.mint({ id: `local-${role}`, roles: [role] }, LOCAL_TOKEN_TTL_SECONDS)));
    return Object.fromEntries(ROLES.map((role, i) => [role, tokens[i]])) as Record<Role, string>;
  }

  /** A rotated secret (`policyctl token revoke-all`) replaces the old one, and forgets every token verified with it. */
  private async rereadLocalSecret(local: LocalSecret): Promise<void> {
    local.checkedAt = Date.now();
    const stamp = stampOf(local.path);
    if (stamp === local.stamp) return;
    this.key = { kind: 'shared', secret: await readAuthSecret(local.path) };
    this.verified = new VerifiedTokens();
    local.stamp = stamp;
  }
}

function stampOf(path: string): string {
  const stat = statSync(path, { bigint: true });
  return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
}

function knownRoles(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  return ROLES.filter((role) => claim.includes(role));
}
