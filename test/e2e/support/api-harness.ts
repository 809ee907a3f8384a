import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { PolicyDocument, Role } from '#domain';
import { API_NODE_FLAGS } from '../../../apps/api/src/node-flags.js';
import { AppConfig, AuthService } from '../../../apps/api/src/platform/index.js';
import { childListening } from '../../../apps/api/src/platform/testing/child-listening.js';
import { EventStoreDbStandIn } from '../../support/esdb-standin/event-store-db-stand-in.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TS_HOOKS = join(ROOT, 'test/support/ts-hooks/register-ts.mjs');
const CHILD = fileURLToPath(new URL('./api-server.child.ts', import.meta.url));

export type StoreUnderTest = 'sqlite' | 'eventstoredb-standin';

export interface StartOptions {
  dataDir?: string;
  standIn?: EventStoreDbStandIn;
  connectionString?: string;
  env?: Record<string, string>;
}

export const TEST_SECRET = 'e2e-secret-0123456789-0123456789-0123456789';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; fields?: string[]; [key: string]: unknown } }>;
}

/**
 * The real API in a child process (under Jest on Node 20 Mercurius cannot load; see
 * test/support/ts-hooks/nest-ts-hooks.mjs), on a random port over a fresh data directory
 * or a given one (restarts), talking real HTTP and WebSocket.
 */
export class ApiHarness {
  private requests = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
    readonly standIn: EventStoreDbStandIn | undefined,
    private readonly auth: AuthService,
    readonly store: StoreUnderTest,
    readonly output: () => string,
    private readonly options: StartOptions,
  ) {}

  /**
   * `connectionString`: an EventStoreDB (or a stand-in in its own process) the caller runs, for
   * several APIs on one store; without it, 'eventstoredb-standin' starts an in-process stand-in.
   */
  static async start(store: StoreUnderTest = 'sqlite', options: StartOptions = {}): Promise<ApiHarness> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'policy-ledger-e2e-'));
    let standIn = options.standIn;
    if (store === 'eventstoredb-standin' && !standIn && !options.connectionString) {
      standIn = new EventStoreDbStandIn();
      await standIn.start();
    }
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
      POLICIES_DIR: join(ROOT, 'policies'),
      // Tests send far more than a person would; test/e2e/hostile-input tests the limit itself.
      RATE_LIMIT_POINTS: '1000000',
      EVENT_STORE: store === 'sqlite' ? 'sqlite' : 'eventstoredb',
      // The stand-in shares this machine with the other suites: at a load of 20 its answers to a
      // burst (100 contended issues) passed the 3 s default. The deadline itself has its own tests.
      ...(store === 'sqlite' ? {} : { EVENTSTORE_DEADLINE_MS: '10000' }),
      ...(standIn ? { EVENTSTORE_CONNECTION_STRING: standIn.connectionString } : {}),
      ...(options.connectionString ? { EVENTSTORE_CONNECTION_STRING: options.connectionString } : {}),
      ...options.env,
    };
    const child = spawn(process.execPath, [...API_NODE_FLAGS, '--conditions=source', '--import', TS_HOOKS, CHILD], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `${(await childListening(child, 'API', () => output)).replace('[::1]', '127.0.0.1')}/graphql`;
    const auth = await AuthService.create(new AppConfig(env));
    return new ApiHarness(child, url, dataDir, standIn, auth, store, () => output, options);
  }

  /** The API process's id (test/e2e/hostile-input reads its peak memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Waits (polling, at most `timeoutMs`) for the API's output to match `pattern`; false if it never did. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output())) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }

  /** Stops this API gracefully and starts another on the same data (and the same stand-in). */
  async restart(): Promise<ApiHarness> {
    await this.terminate();
    return ApiHarness.start(this.store, { ...this.options, dataDir: this.dataDir, standIn: this.standIn });
  }

  /** Records policy documents out of band (as `policyctl import` would). */
  async importPolicy(documents: PolicyDocument[]): Promise<{ imported: string[]; position: number }> {
    const id = ++this.requests;
    return new Promise((resolve, reject) => {
      const onMessage = (message: { id?: number; summary?: { imported: string[]; position: number }; error?: string }) => {
        if (message.id !== id) return;
        this.child.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message.summary!);
      };
      this.child.on('message', onMessage);
      this.child.send({ id, import: documents });
    });
  }

  async token(role: Role, sub = `e2e-${role}`, ttlSeconds = 600): Promise<string> {
    return this.auth.mint({ id: sub, roles: [role] }, ttlSeconds);
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    as: Role | { token: string } | null = 'admin',
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as !== null) headers.authorization = `Bearer ${typeof as === 'string' ? await this.token(as) : as.token}`;
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Like gql, but fails the test with the errors when there are any. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, as: Role = 'admin'): Promise<T> {
    const response = await this.gql<T>(query, variables, as);
    if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  }

  async subscriptions(role: Role): Promise<Client> {
    const token = await this.token(role);
    return createClient({
      url: this.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
  }

  /** SIGTERM: the graceful shutdown path. */
  terminate(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }

  async stop(): Promise<void> {
    await this.terminate();
    await this.standIn?.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Collects the next `count` events of a subscription. */
export function nextEvents<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
): { ready: Promise<void>; events: Promise<T[]> } {
  const received: T[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const events = new Promise<T[]>((resolve, reject) => {
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) reject(new Error(JSON.stringify(value.errors)));
          received.push(value.data as T);
          if (received.length === count) {
            unsubscribe();
            resolve(received);
          }
        },
        error: reject,
        complete: () => resolve(received),
      },
    );
    client.on('connected', () => setTimeout(markReady, 50));
  });
  return { ready, events };
}
