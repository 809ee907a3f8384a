import * as oauth from 'oauth4webapi';
import { sessionFromToken, type Session } from './session.js';

/** The provider and the console's client there, as /console/api/sign-in-options gives them. */
export interface OidcOptions {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING = 'policy-ledger.oidc-pending';
export const CALLBACK_PATH = '/console/signed-in';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

/** Plain http is accepted only for a provider on this machine (development and tests); anywhere else it must be https. */
function httpOptions(issuer: URL): { [oauth.allowInsecureRequests]?: boolean } {
  const local = issuer.hostname === 'localhost' || issuer.hostname === '127.0.0.1' || issuer.hostname === '[::1]';
  return issuer.protocol === 'http:' && local ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(issuer: URL): Promise<oauth.AuthorizationServer> {
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...httpOptions(issuer) });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** Sends the browser to the provider: authorization code flow with PKCE (S256), state and nonce. */
export async function startOidcSignIn(options: OidcOptions, next: string): Promise<void> {
  const issuer = new URL(options.issuer);
  const server = await discover(issuer);
  if (server.authorization_endpoint === undefined) throw new Error('The provider names no authorization endpoint.');
  const pending: Pending = { verifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(), next };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: options.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/**
 * On the way back: checks the state, trades the code (with the PKCE verifier) for tokens, checks
 * the ID token's nonce, and keeps the access token, the one the API verifies. Returns the session
 * and the page to go back to.
 */
export async function completeOidcSignIn(options: OidcOptions, callback: URL): Promise<{ session: Session; next: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  if (pending === null) throw new Error('This sign-in was not started in this tab, or was already completed. Start again.');
  const issuer = new URL(options.issuer);
  const server = await discover(issuer);
  const client: oauth.Client = { client_id: options.clientId };
  const parameters = oauth.validateAuthResponse(server, client, callback, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, redirectUri(), pending.verifier, httpOptions(issuer));
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  const session = sessionFromToken(tokens.access_token, 'oidc', { idToken: tokens.id_token });
  if (session === undefined) {
    throw new Error(
      'The provider gave an access token that is not a JWT with sub and exp: the API cannot verify it. Ask your administrator to issue JWT access tokens for this API.',
    );
  }
  return { session, next: pending.next };
}
