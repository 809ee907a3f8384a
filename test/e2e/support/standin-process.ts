import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TS_HOOKS = join(ROOT, 'test/support/ts-hooks/register-ts.mjs');
const MAIN = join(ROOT, 'test/support/esdb-standin/main.ts');

/**
 * The EventStoreDB stand-in (not EventStoreDB) in its own process, as several API processes share
 * one store. Its log is kept in a journal, so it can be killed and started again on the same port
 * with every acknowledged write, as a restarted EventStoreDB node.
 */
export class StandInProcess {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly journal: string,
    private boundPort: number,
  ) {}

  static async start(journal: string, port = 0): Promise<StandInProcess> {
    const standIn = new StandInProcess(journal, port);
    await standIn.restart();
    return standIn;
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.boundPort}?tls=false`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (again) on the same port and journal; resolves once it listens. */
  async restart(): Promise<void> {
    if (this.running) throw new Error('the stand-in is running');
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', TS_HOOKS, MAIN, '--host', '127.0.0.1', '--port', String(this.boundPort), '--journal', this.journal],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.boundPort = await new Promise<number>((resolve, reject) => {
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        this.output += chunk.toString();
        const match = /listening on 127\.0\.0\.1:(\d+)/.exec(seen);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`the stand-in exited (${code}) before listening:\n${this.output}`)));
    });
  }

  /** Stops the process; SIGKILL by default, a crash: nothing is flushed that was not already written. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** SIGSTOP: the process stays, its connections stay open, nothing answers (a hung server, a network partition). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  log(): string {
    return this.output;
  }
}
