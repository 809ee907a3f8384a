import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteEventStore } from './sqlite-event-store.js';

const childDir = fileURLToPath(new URL('../../../test/durability/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

interface LogLine {
  kind: 'intent' | 'ack';
  stream: string;
  ids: string[];
  nextRevision?: number;
  position?: number;
}

function readLog(file: string): LogLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  // The last line may be cut by the kill; a line is only an acknowledgement once it is whole.
  return text.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

describe('SQLite durability: a writer killed with SIGKILL at random moments, 20 times', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-ledger-durability-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged append, never a partial one, and a chain that verifies', async () => {
    const file = join(dir, 'events.db');
    const logFile = join(dir, 'appends.jsonl');
    let acknowledged = 0;

    for (let round = 0; round < 20; round++) {
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', join(repoRoot, 'test/support/ts-hooks/register-ts.mjs'), join(childDir, 'append-loop.child.ts'), file, logFile],
        {
          cwd: repoRoot,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

      // Wait until this run has had an append acknowledged, then kill it at a random moment (so
      // every round kills a writer mid-stream, however slow the machine).
      // Generous: starting a TypeScript child takes far longer on a loaded machine. A writer that
      // never starts is killed, or it would go on appending after the test gave up on it.
      const acks = (): number => readLog(logFile).filter((l) => l.kind === 'ack').length;
      const acksBefore = acks();
      const deadline = Date.now() + 90_000;
      while (acks() === acksBefore) {
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill('SIGKILL');
          throw new Error(`The writer did not start appending: ${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const log = readLog(logFile);
      const store = openSqliteEventStore({ file });
      try {
        const byId = new Map((await store.readAll()).map((e) => [e.id, e]));
        const acks = log.filter((l) => l.kind === 'ack');
        acknowledged = acks.length;
        const problems: string[] = [];
        for (const ack of acks) {
          ack.ids.forEach((id, i) => {
            const stored = byId.get(id);
            const revision = ack.nextRevision! - ack.ids.length + 1 + i;
            if (!stored || stored.stream !== ack.stream || stored.revision !== revision) problems.push(`acknowledged ${id} missing or moved`);
            else if (i === ack.ids.length - 1 && stored.position !== ack.position) problems.push(`acknowledged ${id} at another position`);
          });
        }
        // An append that was begun but not acknowledged is all there or not there at all.
        for (const intent of log.filter((l) => l.kind === 'intent')) {
          const present = intent.ids.filter((id) => byId.has(id)).length;
          if (present !== 0 && present !== intent.ids.length) problems.push(`partial append ${intent.ids.join(',')}`);
        }
        expect({ round, problems }).toEqual({ round, problems: [] });
        await expect(store.verify()).resolves.toMatchObject({ ok: true });
        expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await store.close();
      }
    }
    const raw = new Database(file, { readonly: true });
    const stored = raw.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    raw.close();
    expect(acknowledged).toBeGreaterThan(20);
    expect(stored).toBeGreaterThanOrEqual(acknowledged);
  }, 600_000);
});
