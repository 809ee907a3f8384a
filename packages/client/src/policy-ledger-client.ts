import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import {
  DeterminationDocument,
  DeterminationIssuedDocument,
  EvaluateDocument,
  IssueDeterminationDocument,
  type DeterminationFieldsFragment,
  type DeterminationInput,
  type PolicyCoordinates,
  type ResultFieldsFragment,
} from './generated/graphql.js';

export type Determination = DeterminationFieldsFragment;
export type DeterminationResult = ResultFieldsFragment;
export type { DeterminationInput, PolicyCoordinates };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface PolicyLedgerClientOptions {
  /** The GraphQL endpoint, e.g. https://ledger.example.com/graphql. */
  url: string;
  /** A bearer token, or a function that returns a fresh one for each call. */
  token: string | (() => string | Promise<string>);
  retry?: Partial<RetryPolicy>;
  /** For subscriptions outside browsers: the WebSocket class (the `ws` package's default export). */
  webSocketImpl?: unknown;
}

/** An error the API answered with: its `extensions.code` and whether retrying may help. */
export class PolicyLedgerError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown>,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PolicyLedgerError';
  }
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5000 };

/**
 * A typed client of the Policy Ledger GraphQL API for integrations. Every call is typed from the
 * schema (GraphQL Code Generator). Writes carry a `commandId` (one is made when none is given), so
 * a retry after a network failure or a store outage never records twice; retryable errors are
 * retried with exponential backoff and jitter. Reads send the position of this client's last
 * write as `x-consistent-with`, so they see it on any node behind a load balancer.
 */
export class PolicyLedgerClient {
  private readonly retry: RetryPolicy;
  private writtenPosition = 0;

  constructor(private readonly options: PolicyLedgerClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** The highest commit position this client has written (0 before its first write). */
  get lastWritePosition(): number {
    return this.writtenPosition;
  }

  /** A dry run: the ruling the law gives at the coordinates; records nothing. */
  async evaluate(input: DeterminationInput, at?: PolicyCoordinates, policyId?: string): Promise<DeterminationResult> {
    return (await this.request(EvaluateDocument, { input, at, policyId })).evaluate;
  }

  /** Records a determination; `commandId` (e.g. the order number) makes retries and re-runs return the same one. */
  async issueDetermination(input: DeterminationInput, options: { validAt?: string; policyId?: string; commandId?: string } = {}): Promise<Determination> {
    const commandId = options.commandId ?? randomUUID();
    return (await this.request(IssueDeterminationDocument, { input, validAt: options.validAt, policyId: options.policyId, commandId })).issueDetermination;
  }

  /** A recorded determination (null if none has this id), as of at least this client's last write. */
  async determination(id: string): Promise<Determination | null> {
    return (await this.request(DeterminationDocument, { id })).determination;
  }

  /**
   * Follows recorded determinations from `since` (a position this integration stored after handling
   * a message): everything after it, then live. `handle` is awaited before the next one; store the
   * position it is given once it has done its work. Reconnects after a lost connection from the last
   * position handled, so nothing is missed and nothing comes twice. Resolves when `signal` aborts.
   */
  async followDeterminations(since: number, handle: (determination: Determination) => Promise<void> | void, signal: AbortSignal): Promise<void> {
    let last = since;
    let attempt = 0;
    while (!signal.aborted) {
      const client = await this.subscriptions();
      try {
        const messages = client.iterate({ query: print(DeterminationIssuedDocument), variables: { since: last } });
        const stop = () => void messages.return?.();
        signal.addEventListener('abort', stop, { once: true });
        try {
          for await (const message of messages) {
            if (message.errors?.length) throw asError(message.errors[0] as GraphQLErrorBody);
            const determination = (message.data as { determinationIssued: Determination }).determinationIssued;
            await handle(determination);
            last = determination.position;
            attempt = 0;
          }
        } finally {
          signal.removeEventListener('abort', stop);
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof PolicyLedgerError && !error.retryable) throw error;
        await sleep(this.backoff(attempt++), signal);
      } finally {
        await client.dispose();
      }
    }
  }

  /** Runs one operation, retrying what may be retried (every operation here is a read or carries a commandId). */
  async request<Result, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const isWrite = document.definitions.some((definition) => definition.kind === 'OperationDefinition' && definition.operation === 'mutation');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(document, variables, isWrite);
      } catch (error) {
        const retryable = !(error instanceof PolicyLedgerError) || error.retryable;
        if (!retryable || attempt >= this.retry.attempts) throw error;
        const retryAfter = error instanceof PolicyLedgerError && typeof error.extensions.retryAfter === 'number' ? error.extensions.retryAfter * 1000 : 0;
        await sleep(Math.max(retryAfter, this.backoff(attempt - 1)));
      }
    }
  }

  private async send<Result>(document: TypedDocumentNode<Result, never>, variables: Record<string, unknown>, isWrite: boolean): Promise<Result> {
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await this.token()}` };
    if (!isWrite && this.writtenPosition > 0) headers['x-consistent-with'] = String(this.writtenPosition);
    const response = await fetch(this.options.url, { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
    const body = (await response.json().catch(() => ({}))) as { data?: Result | null; errors?: GraphQLErrorBody[] };
    if (body.errors?.length) throw asError(body.errors[0]!, response.status);
    if (!response.ok || body.data == null)
      throw new PolicyLedgerError(`HTTP ${response.status}`, 'INTERNAL', {}, response.status >= 500 || response.status === 429);
    const position = Number(response.headers.get('x-commit-position'));
    if (isWrite && Number.isSafeInteger(position)) this.writtenPosition = Math.max(this.writtenPosition, position);
    return body.data;
  }

  private async subscriptions(): Promise<Client> {
    const token = await this.token();
    return createClient({
      url: this.options.url.replace(/^http/, 'ws'),
      webSocketImpl: this.options.webSocketImpl,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
  }

  private async token(): Promise<string> {
    return typeof this.options.token === 'string' ? this.options.token : await this.options.token();
  }

  /** Exponential backoff with full jitter: a random wait up to base * 2^attempt, capped. */
  private backoff(attempt: number): number {
    return Math.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
  }
}

interface GraphQLErrorBody {
  message: string;
  extensions?: Record<string, unknown>;
}

/** Retryable: the store did not answer, the node had not caught up, or the caller was rate limited. */
function asError(error: GraphQLErrorBody, status = 200): PolicyLedgerError {
  const extensions = error.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL';
  const retryable = extensions.retryable === true || code === 'RATE_LIMITED' || status === 502 || status === 503 || status === 504;
  return new PolicyLedgerError(error.message, code, extensions, retryable);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
