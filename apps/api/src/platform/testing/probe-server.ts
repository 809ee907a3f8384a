// Test-only: runs probe-server.child.ts in a plain Node process (see test/support/ts-hooks/nest-ts-hooks.mjs for why)
// and talks to it over real HTTP, as clients do.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Role } from '#domain';
import { AuthService } from '../auth/auth.service.js';
import { AppConfig } from '../config/app-config.js';
import { childListening } from './child-listening.js';

export const TEST_SECRET = 'probe-secret-of-at-least-32-characters';

export interface GraphqlError {
  message: string;
  extensions: Record<string, unknown> & { code: string };
  [key: string]: unknown;
}

export interface GraphqlResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: GraphqlError[] };
}

export interface ProbeServer {
  url: string;
  /** The server's JSON log lines so far, parsed. */
  logs(): Record<string, unknown>[];
  /** Waits for the log lines matching `predicate` (the log is written after the response is sent). */
  waitForLogs(predicate: (line: Record<string, unknown>) => boolean, count?: number): Promise<Record<string, unknown>[]>;
  token(roles: Role[], ttlSeconds?: number): Promise<string>;
  graphql(query: string, options?: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> }): Promise<GraphqlResponse>;
  close(): Promise<void>;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Tests send far more than a person would: the rate limit is off unless a test sets RATE_LIMIT_POINTS. */
export async function startProbeServer(env: Record<string, string> = { AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_POINTS: '0' }): Promise<ProbeServer> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      fileURLToPath(new URL('../../../../../test/support/ts-hooks/register-ts.mjs', import.meta.url)),
      here('./probe-server.child.ts'),
    ],
    {
      cwd: fileURLToPath(new URL('../../../../../', import.meta.url)),
      env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const lines: string[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop()!;
    lines.push(...parts.filter((line) => line.length > 0));
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const url = await childListening(child, 'probe server', () => `${stderr}\n${lines.join('\n')}`);
  const auth = await AuthService.create(new AppConfig(env));
  const logs = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  return {
    url,
    logs,
    async waitForLogs(predicate, count = 1) {
      for (let waited = 0; waited < 3000; waited += 20) {
        const matching = logs().filter(predicate);
        if (matching.length >= count) return matching;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return logs().filter(predicate);
    },
    token: (roles, ttlSeconds = 600) => auth.mint({ id: `user-${roles.join('-') || 'none'}`, roles }, ttlSeconds),
    async graphql(query, { variables, token, headers = {} } = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlResponse['body'] };
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
