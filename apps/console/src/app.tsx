import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { HOME, PAGES } from './pages.js';
import { CALLBACK_PATH } from './session/oidc.js';
import { endSession, useSession, type Session } from './session/session.js';
import { SignInPage } from './session/sign-in-page.js';
import { SignedInPage } from './session/signed-in-page.js';
import { NotFoundPage } from './pages/not-found-page.js';

export function App() {
  return (
    <LocationProvider scope="/console">
      <Shell />
    </LocationProvider>
  );
}

function Shell() {
  const session = useSession();
  const { path, url, route } = useLocation();
  const atRoot = path === '/console' || path === '/console/';
  useEffect(() => {
    if (atRoot) route(HOME, true);
  }, [atRoot]);
  if (path === CALLBACK_PATH) return <SignedInPage />;
  if (session === undefined) return <SignInPage next={url} />;
  if (atRoot) return null;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header session={session} path={path} />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router onRouteChange={() => document.getElementById('main')?.focus()}>
            {[
              ...PAGES.map((page) => <Route key={page.path} path={page.path} component={page.component} />),
              <Route key="default" default component={NotFoundPage} />,
            ]}
          </Router>
        </ErrorBoundary>
      </main>
      <footer class="site-footer">
        <p>Policy Ledger is a research tool, not legal advice. Every rule cites its source: check it before relying on a ruling.</p>
      </footer>
    </>
  );
}

function Header({ session, path }: { session: Session; path: string }) {
  return (
    <header class="site-header">
      <a class="brand" href={HOME}>
        Policy Ledger
      </a>
      <nav aria-label="Main">
        <ul>
          {PAGES.filter((page) => page.nav !== undefined).map((page) => (
            <li key={page.path}>
              <a href={page.path} aria-current={path === page.path || path.startsWith(`${page.path}/`) ? 'page' : undefined}>
                {page.nav}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span>
          Signed in as <strong>{session.subject}</strong> ({session.roles.join(', ') || 'no role'})
          {session.via === 'development' ? <span class="tag tag-warning">development</span> : null}
        </span>
        <button type="button" class="link-button" onClick={endSession}>
          Sign out
        </button>
      </div>
    </header>
  );
}
