import { useEffect, useState } from 'preact/hooks';

/** Who is signed in, with which token, until when. Kept in this browser's localStorage. */
export interface Session {
  token: string;
  subject: string;
  roles: string[];
  /** ISO instant after which the token is refused. */
  expiresAt: string;
  via: 'development' | 'oidc' | 'token';
  /** The provider's ID token, for signing out there (OIDC only). */
  idToken?: string;
}

const KEY = 'policy-ledger.session';
const listeners = new Set<() => void>();

export function currentSession(now = Date.now()): Session | undefined {
  const stored = localStorage.getItem(KEY);
  if (stored === null) return undefined;
  try {
    const session = JSON.parse(stored) as Session;
    if (Date.parse(session.expiresAt) > now) return session;
  } catch {
    // A damaged entry is as good as none.
  }
  localStorage.removeItem(KEY);
  return undefined;
}

export function startSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((listener) => listener());
}

export function endSession(): void {
  localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

/** The session, kept current when this tab (or another) signs in or out. */
export function useSession(): Session | undefined {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const update = () => setSession(currentSession());
    const onStorage = (event: StorageEvent) => event.key === KEY && update();
    listeners.add(update);
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(update);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  return session;
}

/** The claims of a JWT (no verification: the API verifies; the console only shows who and until when). */
export function claimsOf(token: string): { sub?: string; roles?: unknown; exp?: number } {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; roles?: unknown; exp?: number };
  } catch {
    return {};
  }
}

/** A session from a bearer token alone (pasted, or from the provider), its subject, roles and expiry read from the token. */
export function sessionFromToken(token: string, via: Session['via'], extra: Partial<Session> = {}): Session | undefined {
  const claims = claimsOf(token);
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  return { token, subject: claims.sub, roles, expiresAt: new Date(claims.exp * 1000).toISOString(), via, ...extra };
}
