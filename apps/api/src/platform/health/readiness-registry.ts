import { Injectable } from '@nestjs/common';

export interface ReadinessResult {
  ok: boolean;
  /** Shown in /health/ready (public): a number or a short phrase, never a secret or an address. */
  detail?: unknown;
}

export type ReadinessCheck = () => Promise<ReadinessResult>;

/**
 * The named checks /health/ready runs. Feature modules register theirs at start-up, e.g.
 * `registry.register('projections', async () => ({ ok: lag <= config.readinessMaxLag, detail: { lag } }))`.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`A readiness check named "${name}" is already registered`);
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks.entries()];
  }
}
