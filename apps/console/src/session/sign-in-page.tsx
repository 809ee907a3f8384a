import { useEffect, useState } from 'preact/hooks';
import { useTitle } from '../ui/status.js';
import { startOidcSignIn, type OidcOptions } from './oidc.js';
import { sessionFromToken, startSession } from './session.js';

interface SignInOptions {
  oidc?: OidcOptions;
  development?: { roles: string[] };
  pasteToken: boolean;
}

const ROLE_WORDS: Record<string, string> = {
  viewer: 'reads rulings, replays and the law',
  determiner: 'also issues determinations',
  editor: 'also drafts amendments',
  approver: 'also approves and publishes amendments',
  admin: 'may do everything',
};

/** Shown for every page while nobody is signed in: the page's data needs a token, and the URL stays, so signing in lands on it. */
export function SignInPage({ next }: { next: string }) {
  useTitle('Sign in');
  const [options, setOptions] = useState<SignInOptions | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    fetch('/console/api/sign-in-options')
      .then((response) => (response.ok ? (response.json() as Promise<SignInOptions>) : Promise.reject(new Error(`The server answered ${response.status}`))))
      .then(setOptions, (error: Error) => setProblem(`Sign-in options could not be loaded: ${error.message}`));
  }, []);
  return (
    <main id="main" class="sign-in">
      <h1>Sign in to Policy Ledger</h1>
      <p>Rulings, their reasons and the law they applied are shown to signed-in users only.</p>
      {problem ? (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {options === undefined && problem === undefined ? <p role="status">Loading…</p> : null}
      {options?.oidc ? <OidcSignIn oidc={options.oidc} next={next} onProblem={setProblem} /> : null}
      {options?.development ? <DevelopmentSignIn roles={options.development.roles} onProblem={setProblem} /> : null}
      {options?.pasteToken ? <PasteToken onProblem={setProblem} /> : null}
    </main>
  );
}

function OidcSignIn({ oidc, next, onProblem }: { oidc: OidcOptions; next: string; onProblem: (problem: string) => void }) {
  const [busy, setBusy] = useState(false);
  const signIn = () => {
    setBusy(true);
    startOidcSignIn(oidc, next).catch((error: Error) => {
      setBusy(false);
      onProblem(`The identity provider could not be reached: ${error.message}`);
    });
  };
  return (
    <section class="panel" aria-labelledby="oidc-heading">
      <h2 id="oidc-heading">Your organisation's account</h2>
      <p>
        You sign in at <strong>{new URL(oidc.issuer).host}</strong> and come back here.
      </p>
      <button type="button" class="primary" onClick={signIn} disabled={busy}>
        {busy ? 'Going to the sign-in page…' : 'Sign in with your organisation'}
      </button>
    </section>
  );
}

function DevelopmentSignIn({ roles, onProblem }: { roles: string[]; onProblem: (problem: string) => void }) {
  const signInAs = async (role: string) => {
    const response = await fetch('/console/api/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
    const body = (await response.json().catch(() => ({}))) as { token?: string; subject?: string; roles?: string[]; expiresAt?: string; message?: string };
    if (!response.ok || body.token === undefined) {
      onProblem(`Development sign-in was refused: ${body.message ?? response.status}`);
      return;
    }
    startSession({ token: body.token, subject: body.subject!, roles: body.roles!, expiresAt: body.expiresAt!, via: 'development' });
  };
  return (
    <section class="panel panel-warning" aria-labelledby="development-heading">
      <h2 id="development-heading">Development sign-in</h2>
      <p>
        <strong>For development only.</strong> This server signs tokens with its local development secret, so anyone who can reach it here may sign in as any
        role. Do not record real rulings on it. The token lasts one hour.
      </p>
      <ul class="roles">
        {roles.map((role) => (
          <li key={role}>
            <button type="button" onClick={() => void signInAs(role)}>
              Sign in as {role}
            </button>{' '}
            <span class="hint">{ROLE_WORDS[role] ?? ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PasteToken({ onProblem }: { onProblem: (problem: string) => void }) {
  const [token, setToken] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const session = sessionFromToken(token.trim().replace(/^Bearer\s+/i, ''), 'token');
    if (session === undefined) onProblem('That is not a bearer token with a subject and an expiry (a JWT).');
    else if (Date.parse(session.expiresAt) <= Date.now()) onProblem('That token has expired.');
    else startSession(session);
  };
  return (
    <section class="panel" aria-labelledby="token-heading">
      <h2 id="token-heading">A bearer token</h2>
      <form onSubmit={submit}>
        <label for="token">Bearer token (JWT) from your administrator or the server's start-up log</label>
        <textarea
          id="token"
          rows={3}
          value={token}
          onInput={(event) => setToken((event.target as HTMLTextAreaElement).value)}
          spellcheck={false}
          autocomplete="off"
        />
        <button type="submit">Sign in with this token</button>
      </form>
    </section>
  );
}
