import type { ChildProcess } from 'node:child_process';

/** Below Jest's own timeout, so a start that hangs kills its process instead of leaking it. */
const START_TIMEOUT_MS = 100_000;

/**
 * The URL a test child process reports over IPC once it listens. A child that exits first, or is
 * not listening within START_TIMEOUT_MS (it is then killed), fails the start with its output.
 */
export function childListening(child: ChildProcess, name: string, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} not listening after ${START_TIMEOUT_MS} ms:\n${output()}`));
    }, START_TIMEOUT_MS);
    child.once('message', (message: { url: string }) => {
      clearTimeout(deadline);
      resolve(message.url);
    });
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`${name} exited (${code}) before listening:\n${output()}`));
    });
  });
}
