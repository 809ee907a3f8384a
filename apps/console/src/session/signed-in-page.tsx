import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useTitle } from '../ui/status.js';
import { completeOidcSignIn, type OidcOptions } from './oidc.js';
import { startSession } from './session.js';

/** Where the provider sends the browser back: completes the sign-in, then opens the page the user asked for. */
export function SignedInPage() {
  useTitle('Signing in');
  const { route } = useLocation();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    const callback = new URL(location.href);
    fetch('/console/api/sign-in-options')
      .then((response) => response.json() as Promise<{ oidc?: OidcOptions }>)
      .then(({ oidc }) => {
        if (oidc === undefined) throw new Error('This server has no identity provider configured.');
        return completeOidcSignIn(oidc, callback);
      })
      .then(
        ({ session, next }) => {
          startSession(session);
          route(next, true);
        },
        (error: Error) => setProblem(error.message),
      );
  }, []);
  return (
    <main id="main" class="sign-in">
      <h1>Signing in</h1>
      {problem === undefined ? (
        <p role="status">Completing the sign-in…</p>
      ) : (
        <div class="notice notice-error" role="alert">
          <p>The sign-in did not complete: {problem}</p>
          <p>
            <a href="/console/rulings">Start again</a>
          </p>
        </div>
      )}
    </main>
  );
}
