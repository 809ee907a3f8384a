import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

const DISCOVERY_TIMEOUT_MS = 5000;

/**
 * The key set of an OpenID provider known only by its issuer: the JWKS URL comes from the
 * discovery document (OpenID Connect Discovery 1.0, section 4), fetched on the first token to
 * verify, so the API starts while the provider is down. A failed fetch is retried by the next
 * token. The document must name the configured issuer (section 4.3), or a look-alike provider
 * could hand out its own keys.
 */
export function discoveredKeySet(issuer: string, fetchDocument: typeof fetch = fetch): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    keySet ??= jwksOf(issuer, fetchDocument).catch((error: unknown) => {
      keySet = undefined;
      throw error;
    });
    return (await keySet)(header, token);
  };
}

async function jwksOf(issuer: string, fetchDocument: typeof fetch): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetchDocument(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`OpenID discovery at ${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error(`OpenID discovery at ${url} names issuer '${String(document.issuer)}', not '${issuer}'`);
  if (typeof document.jwks_uri !== 'string') throw new Error(`OpenID discovery at ${url} has no jwks_uri`);
  return createRemoteJWKSet(new URL(document.jwks_uri));
}
