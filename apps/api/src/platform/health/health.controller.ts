import { Controller, Get, Logger } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '#api-kit';
import { ReadinessRegistry, type ReadinessCheck } from './readiness-registry.js';

const CHECK_TIMEOUT_MS = 3000;

/** `/health/live`: the process serves requests. `/health/ready`: every readiness check passes (503 otherwise). */
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.readiness.entries().map(
        ([name, check]) =>
          () =>
            this.run(name, check),
      ),
    );
  }

  private async run(name: string, check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    try {
      const { ok, detail } = await withTimeout(check(), CHECK_TIMEOUT_MS);
      return ok ? indicator.up({ detail }) : indicator.down({ detail });
    } catch (error) {
      // The endpoint is public: the reason goes to the log, not to the caller.
      this.logger.error(`Readiness check "${name}" failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return indicator.down({ detail: 'the check failed; see the server log' });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
