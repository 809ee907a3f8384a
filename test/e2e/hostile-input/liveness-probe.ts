import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LivenessSamples {
  /** Milliseconds each `/health/live` took to answer, in order. */
  durations: number[];
  /** When each of them was sent (Date.now()). */
  sentAt: number[];
  /** Probes that did not answer 200 within the probe's timeout: status or error. */
  failures: string[];
}

/**
 * Asks `/health/live` every few milliseconds from a process of its own (liveness-probe.child.ts),
 * as a kubelet would: the test process parses large answers and builds large requests, which
 * would delay a probe running in it and blame the server for the test's own pauses.
 */
export class LivenessProbe {
  private constructor(private readonly child: ChildProcess) {}

  static async start(url: string, intervalMs = 20): Promise<LivenessProbe> {
    const child = fork(fileURLToPath(new URL('./liveness-probe.child.mjs', import.meta.url)), [url, String(intervalMs)], { stdio: 'inherit' });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the liveness probe exited with ${code} before it started`)));
    });
    return new LivenessProbe(child);
  }

  /** Stops probing and returns every sample taken. */
  stop(): Promise<LivenessSamples> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (samples: LivenessSamples) => resolve(samples));
      this.child.once('exit', (code) => reject(new Error(`the liveness probe exited with ${code} before it reported`)));
      this.child.send('stop');
    });
  }
}

/** The q-quantile of some durations (nearest rank). */
export function quantile(durations: number[], q: number): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
