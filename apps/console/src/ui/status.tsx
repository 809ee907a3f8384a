import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ApiError } from '../api/graphql.js';

/** Sets the document title: the page's name first, so tabs and history read well. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Policy Ledger`;
  }, [title]);
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

const HELP: Record<string, string> = {
  NOT_FOUND: 'Nothing is recorded under this id. Check the link, or search the rulings.',
  FORBIDDEN: 'Your role does not allow this. Ask an administrator for access.',
  BAD_USER_INPUT: 'Check the values entered.',
  RATE_LIMITED: 'Too many requests for now; try again in a moment.',
};

export function ErrorNotice({ error, children }: { error: ApiError; children?: ComponentChildren }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{error.message}</strong>
      </p>
      {HELP[error.code] ? <p>{HELP[error.code]}</p> : null}
      <p class="code">Error code: {error.code}</p>
      {children}
    </div>
  );
}
